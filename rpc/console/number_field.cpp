#include "number_field.h"

#include "json_codec.h"
#include "name_list.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cmath>
#include <limits>

namespace od::rpc {
namespace {

    namespace pb = google::protobuf;

    bool isNumber(const pb::FieldDescriptor& field)
    {
        switch (field.cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32:
        case pb::FieldDescriptor::CPPTYPE_INT64:
        case pb::FieldDescriptor::CPPTYPE_UINT32:
        case pb::FieldDescriptor::CPPTYPE_UINT64:
        case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        case pb::FieldDescriptor::CPPTYPE_FLOAT:
            return true;
        default:
            return false;
        }
    }

    void collect(const pb::Descriptor& type, const std::string& prefix, int depth, std::vector<std::string>& out)
    {
        for (int i = 0; i < type.field_count(); ++i) {
            const pb::FieldDescriptor& field = *type.field(i);
            if (isNumber(field))
                out.push_back(prefix + field.name());
            else if (field.cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && !field.is_map() && depth < 4)
                collect(*field.message_type(), prefix + field.name() + ".", depth + 1, out);
        }
    }

    // The integer range of a field as doubles that hold exactly: [low, high).
    std::pair<double, double> integerRange(const pb::FieldDescriptor& field)
    {
        switch (field.cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32:
            return { -2147483648.0, 2147483648.0 };
        case pb::FieldDescriptor::CPPTYPE_UINT32:
            return { 0.0, 4294967296.0 };
        case pb::FieldDescriptor::CPPTYPE_INT64:
            return { -9223372036854775808.0, 9223372036854775808.0 };
        default:
            return { 0.0, 18446744073709551616.0 };
        }
    }

} // namespace

std::vector<std::string> numericFieldPaths(const pb::Descriptor& type)
{
    std::vector<std::string> out;
    collect(type, {}, 0, out);
    return out;
}

NumberFiller::~NumberFiller() = default;
NumberFiller::NumberFiller(NumberFiller&&) noexcept = default;
NumberFiller& NumberFiller::operator=(NumberFiller&&) noexcept = default;

Result<NumberFiller> NumberFiller::make(const pb::Message& prototype, std::string_view base, std::string_view path)
{
    auto bytes = jsonToBytes(prototype, base);
    if (!bytes)
        return bytes.error();
    NumberFiller filler;
    filler.m_message.reset(prototype.New());
    filler.m_message->ParseFromString(*bytes);
    if (path.empty())
        return Error("no field chosen for the values (numeric fields of " + prototype.GetDescriptor()->full_name()
            + ": " + nameList(numericFieldPaths(*prototype.GetDescriptor())) + ")");
    pb::Message* holder = filler.m_message.get();
    std::string walked;
    while (true) {
        const auto dot = path.find('.');
        const std::string step(path.substr(0, dot));
        const pb::Descriptor& type = *holder->GetDescriptor();
        const pb::FieldDescriptor* field = type.FindFieldByName(step);
        for (int i = 0; !field && i < type.field_count(); ++i) {
            if (type.field(i)->json_name() == step) // "incidentGapPoints", as the request is written
                field = type.field(i);
        }
        const std::string where = walked.empty() ? type.full_name() : "'" + walked + "' (" + type.full_name() + ")";
        if (!field)
            return Error("there is no field '" + step + "' in " + where
                + "; its numeric fields: " + nameList(numericFieldPaths(type)));
        walked += (walked.empty() ? "" : ".") + field->name();
        if (dot == std::string_view::npos) {
            if (!isNumber(*field))
                return Error("'" + walked + "' is not a number (" + field->type_name() + "); numeric fields of "
                    + type.full_name() + ": " + nameList(numericFieldPaths(type)));
            filler.m_holder = holder;
            filler.m_field = field;
            return filler;
        }
        if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE || field->is_map())
            return Error(
                "'" + walked + "' is not a message, so it has no field '" + std::string(path.substr(dot + 1)) + "'");
        const pb::Reflection& reflection = *holder->GetReflection();
        if (field->is_repeated())
            holder = reflection.FieldSize(*holder, field) > 0 ? reflection.MutableRepeatedMessage(holder, field, 0)
                                                              : reflection.AddMessage(holder, field);
        else
            holder = reflection.MutableMessage(holder, field);
        path.remove_prefix(dot + 1);
    }
}

std::optional<std::string> NumberFiller::refuses(double value) const
{
    const auto type = m_field->cpp_type();
    if (type == pb::FieldDescriptor::CPPTYPE_DOUBLE)
        return std::nullopt;
    if (type == pb::FieldDescriptor::CPPTYPE_FLOAT) {
        if (std::isfinite(value) && std::abs(value) > double(std::numeric_limits<float>::max()))
            return "is too large for a float field";
        return std::nullopt;
    }
    if (std::isnan(value))
        return std::string("is missing (NaN), which an integer field cannot hold");
    if (value != std::floor(value))
        return "has a fraction, which an integer field (" + typeName() + ") cannot hold";
    const auto [low, high] = integerRange(*m_field);
    if (value < low || value >= high)
        return "is out of range for an " + typeName() + " field";
    return std::nullopt;
}

std::string NumberFiller::bytesWith(double value)
{
    const pb::Reflection& reflection = *m_holder->GetReflection();
    if (m_field->is_repeated())
        reflection.ClearField(m_holder, m_field);
    const bool repeated = m_field->is_repeated();
    switch (m_field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
        repeated ? reflection.AddInt32(m_holder, m_field, std::int32_t(value))
                 : reflection.SetInt32(m_holder, m_field, std::int32_t(value));
        break;
    case pb::FieldDescriptor::CPPTYPE_INT64:
        repeated ? reflection.AddInt64(m_holder, m_field, std::int64_t(value))
                 : reflection.SetInt64(m_holder, m_field, std::int64_t(value));
        break;
    case pb::FieldDescriptor::CPPTYPE_UINT32:
        repeated ? reflection.AddUInt32(m_holder, m_field, std::uint32_t(value))
                 : reflection.SetUInt32(m_holder, m_field, std::uint32_t(value));
        break;
    case pb::FieldDescriptor::CPPTYPE_UINT64:
        repeated ? reflection.AddUInt64(m_holder, m_field, std::uint64_t(value))
                 : reflection.SetUInt64(m_holder, m_field, std::uint64_t(value));
        break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
        repeated ? reflection.AddFloat(m_holder, m_field, float(value))
                 : reflection.SetFloat(m_holder, m_field, float(value));
        break;
    default:
        repeated ? reflection.AddDouble(m_holder, m_field, value) : reflection.SetDouble(m_holder, m_field, value);
        break;
    }
    return m_message->SerializeAsString();
}

std::string NumberFiller::typeName() const
{
    return m_field->type_name();
}

} // namespace od::rpc
