#include "proto_files.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>

#include <filesystem>
#include <optional>

namespace od::rpc {
namespace {

    namespace fs = std::filesystem;

    // Where Debian's libprotobuf-dev puts google/protobuf/*.proto.
    constexpr const char* kSystemIncludes[] = { "/usr/include", "/usr/local/include" };

    class Collector final : public google::protobuf::compiler::MultiFileErrorCollector
    {
    public:
        void AddError(const std::string& filename, int line, int column, const std::string& message) override
        {
            // protobuf counts from 0; a file it cannot find comes with line -1, then the importing
            // file's "Import ... was not found" with its line: that one says where to look.
            Error error(message, filename, line + 1, column + 1);
            if (!first || (first->line == 0 && error.line > 0))
                first = std::move(error);
            ++count;
        }
        void AddWarning(const std::string&, int, int, const std::string&) override { }

        std::optional<Error> first;
        int count = 0;
    };

    // The importer and what it reads through: kept alive as long as the Schema.
    struct Loaded
    {
        google::protobuf::compiler::DiskSourceTree tree;
        Collector errors;
        std::unique_ptr<google::protobuf::compiler::Importer> importer;
    };

    std::string searchedIn(const std::vector<std::string>& dirs)
    {
        std::string out;
        for (const auto& dir : dirs)
            out += (out.empty() ? "" : ", ") + dir;
        return out;
    }

} // namespace

Result<Schema> loadProtoFiles(const std::vector<std::string>& files, const std::vector<std::string>& importPaths)
{
    if (files.empty())
        return Error("no .proto file given");
    auto loaded = std::make_shared<Loaded>();
    std::vector<std::string> searched;
    for (const auto& dir : importPaths) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            return Error("-I " + dir + ": not a directory");
        loaded->tree.MapPath("", dir);
        searched.push_back(dir);
    }
    // Each file by its name under an import path, or else from its own directory.
    std::vector<std::string> virtualNames;
    for (const auto& file : files) {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec))
            return Error(
                "cannot read the .proto file (" + (ec ? ec.message() : std::string("no such file")) + ")", file);
        std::string virtualName;
        std::string shadowing;
        const auto mapped = loaded->tree.DiskFileToVirtualFile(file, &virtualName, &shadowing);
        if (mapped != google::protobuf::compiler::DiskSourceTree::SUCCESS) {
            const fs::path path(file);
            const std::string dir = path.has_parent_path() ? path.parent_path().string() : ".";
            loaded->tree.MapPath("", dir);
            searched.push_back(dir);
            virtualName = path.filename().string();
        }
        virtualNames.push_back(virtualName);
    }
    for (const char* dir : kSystemIncludes) {
        std::error_code ec;
        if (fs::exists(fs::path(dir) / "google/protobuf/descriptor.proto", ec)) {
            loaded->tree.MapPath("", dir);
            break;
        }
    }

    loaded->importer = std::make_unique<google::protobuf::compiler::Importer>(&loaded->tree, &loaded->errors);
    std::vector<std::string> services;
    std::string source;
    for (size_t i = 0; i < virtualNames.size(); ++i) {
        const auto* file = loaded->importer->Import(virtualNames[i]);
        if (!file || loaded->errors.first) {
            Error error = loaded->errors.first.value_or(Error("cannot be read or parsed", files[i]));
            // "Import "x.proto" was not found or had errors.": say where it was looked for.
            if (error.message.find("was not found") != std::string::npos
                || error.message.find("File not found") != std::string::npos)
                error.message
                    += " (looked in: " + searchedIn(searched) + "; add the directory that holds it with -I DIR)";
            return error;
        }
        for (int s = 0; s < file->service_count(); ++s)
            services.push_back(file->service(s)->full_name());
        source += (source.empty() ? "" : ", ") + files[i];
    }
    const auto* pool = loaded->importer->pool();
    return Schema(std::move(loaded), pool, std::move(services), source);
}

} // namespace od::rpc
