#include "json_template.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <memory>

namespace od::rpc {
namespace {

    using google::protobuf::Descriptor;
    using google::protobuf::FieldDescriptor;
    using google::protobuf::Message;

    constexpr int kMaxTemplateDepth = 4;

    // Types whose JSON form is not an object of their fields, or that an empty instance cannot
    // be printed for (an Any without a type, a Value without a kind): left out of templates.
    bool leftOut(const Descriptor& type)
    {
        const std::string& name = type.full_name();
        return name == "google.protobuf.Any" || name == "google.protobuf.Value" || name == "google.protobuf.ListValue"
            || name == "google.protobuf.Struct";
    }

    void fill(Message& message, int depth)
    {
        const Descriptor* type = message.GetDescriptor();
        const auto* reflection = message.GetReflection();
        for (int i = 0; i < type->field_count(); ++i) {
            const FieldDescriptor* field = type->field(i);
            // One member per oneof: setting a second would clear the first.
            if (const auto* oneof = field->real_containing_oneof(); oneof && oneof->field(0) != field)
                continue;
            if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
                if (field->is_repeated()) {
                    switch (field->cpp_type()) {
                    case FieldDescriptor::CPPTYPE_INT32:
                        reflection->AddInt32(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_INT64:
                        reflection->AddInt64(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_UINT32:
                        reflection->AddUInt32(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_UINT64:
                        reflection->AddUInt64(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_DOUBLE:
                        reflection->AddDouble(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_FLOAT:
                        reflection->AddFloat(&message, field, 0);
                        break;
                    case FieldDescriptor::CPPTYPE_BOOL:
                        reflection->AddBool(&message, field, false);
                        break;
                    case FieldDescriptor::CPPTYPE_ENUM:
                        reflection->AddEnumValue(&message, field, field->enum_type()->value(0)->number());
                        break;
                    case FieldDescriptor::CPPTYPE_STRING:
                        reflection->AddString(&message, field, "");
                        break;
                    default:
                        break;
                    }
                } else if (field->real_containing_oneof() || field->has_presence()) {
                    // Fields with presence are printed only when set: set them to their default.
                    switch (field->cpp_type()) {
                    case FieldDescriptor::CPPTYPE_STRING:
                        reflection->SetString(&message, field, field->default_value_string());
                        break;
                    case FieldDescriptor::CPPTYPE_INT32:
                        reflection->SetInt32(&message, field, field->default_value_int32());
                        break;
                    case FieldDescriptor::CPPTYPE_INT64:
                        reflection->SetInt64(&message, field, field->default_value_int64());
                        break;
                    case FieldDescriptor::CPPTYPE_UINT32:
                        reflection->SetUInt32(&message, field, field->default_value_uint32());
                        break;
                    case FieldDescriptor::CPPTYPE_UINT64:
                        reflection->SetUInt64(&message, field, field->default_value_uint64());
                        break;
                    case FieldDescriptor::CPPTYPE_DOUBLE:
                        reflection->SetDouble(&message, field, field->default_value_double());
                        break;
                    case FieldDescriptor::CPPTYPE_FLOAT:
                        reflection->SetFloat(&message, field, field->default_value_float());
                        break;
                    case FieldDescriptor::CPPTYPE_BOOL:
                        reflection->SetBool(&message, field, field->default_value_bool());
                        break;
                    case FieldDescriptor::CPPTYPE_ENUM:
                        reflection->SetEnumValue(&message, field, field->default_value_enum()->number());
                        break;
                    default:
                        break;
                    }
                }
                continue;
            }
            if (leftOut(*field->message_type()) || depth >= kMaxTemplateDepth)
                continue;
            Message* child = field->is_repeated() ? reflection->AddMessage(&message, field)
                                                  : reflection->MutableMessage(&message, field);
            fill(*child, depth + 1);
        }
    }

} // namespace

std::string jsonTemplate(const Message& prototype)
{
    std::unique_ptr<Message> message(prototype.New());
    fill(*message, 0);
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.always_print_primitive_fields = true;
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(*message, &json, options).ok())
        return "{}";
    while (!json.empty() && json.back() == '\n')
        json.pop_back();
    return json;
}

} // namespace od::rpc
