#include "proofdesk/app/ExtractionJson.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"

#include <cstdio>

namespace proofdesk
{

namespace
{

std::string number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    std::string text = buffer;
    while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.')
        text.pop_back();
    return text;
}

FieldSource sourceNamed(const std::string& name)
{
    for (FieldSource source : {FieldSource::Pdf417, FieldSource::Mrz, FieldSource::PdfText, FieldSource::Ocr})
    {
        if (name == fieldSourceName(source))
            return source;
    }
    throw Error(ErrorCode::InvalidInput, "unknown field source " + name);
}

int integer(const Json& value)
{
    auto n = value.asInteger();
    if (!n)
        throw Error(ErrorCode::InvalidInput, "expected a whole number");
    return static_cast<int>(*n);
}

const Json& required(const Json& object, const char* key)
{
    const Json* value = object.find(key);
    if (value == nullptr)
        throw Error(ErrorCode::InvalidInput, std::string("missing \"") + key + "\"");
    return *value;
}

} // namespace

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        auto u = static_cast<unsigned char>(c);
        switch (c)
        {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20 || u == 0x7f)
            {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", u);
                out += buffer;
            }
            else
                out += c;
        }
    }
    return out + "\"";
}

std::string extractionJsonLine(const std::string& file, const Extraction& e)
{
    std::string out = "{\"file\":" + jsonString(file) + ",\"document_type\":" + jsonString(e.documentType) +
                      ",\"pages\":" + std::to_string(e.pages) + ",\"fields\":{";
    bool first = true;
    // Contract order, not map order, so the output reads like the SPEC.
    for (const std::string& name : extractionFieldNames())
    {
        auto it = e.fields.find(name);
        if (it == e.fields.end())
            continue;
        const ExtractedField& f = it->second;
        out += first ? "" : ",";
        first = false;
        out += jsonString(name) + ":{\"value\":" + jsonString(f.value) + ",\"confidence\":" + number(f.confidence) +
               ",\"source\":" + jsonString(fieldSourceName(f.source));
        if (!f.regions.empty())
        {
            out += ",\"regions\":[";
            for (std::size_t i = 0; i < f.regions.size(); ++i)
            {
                const Region& r = f.regions[i];
                out += (i ? "," : "") + std::string("{\"page\":") + std::to_string(r.page) +
                       ",\"x\":" + std::to_string(r.x) + ",\"y\":" + std::to_string(r.y) +
                       ",\"width\":" + std::to_string(r.width) + ",\"height\":" + std::to_string(r.height) + "}";
            }
            out += "]";
        }
        out += "}";
    }
    out += "}";
    if (!e.pageSizes.empty())
    {
        out += ",\"page_sizes\":[";
        for (std::size_t i = 0; i < e.pageSizes.size(); ++i)
            out += (i ? "," : "") + std::string("[") + std::to_string(e.pageSizes[i].width) + "," +
                   std::to_string(e.pageSizes[i].height) + "]";
        out += "],\"regions_on_original\":" + std::string(e.regionsOnOriginal ? "true" : "false");
    }
    if (!e.visualZone.empty())
    {
        // A passport's printed page beside its MRZ: value and confidence per field (regions are the MRZ's).
        out += ",\"visual_zone\":{";
        bool firstField = true;
        for (const std::string& name : extractionFieldNames())
        {
            auto it = e.visualZone.find(name);
            if (it == e.visualZone.end())
                continue;
            char confidence[32];
            std::snprintf(confidence, sizeof confidence, "%.3g", it->second.confidence);
            out += (firstField ? "" : ",") + jsonString(name) + ":{\"value\":" + jsonString(it->second.value) +
                   ",\"confidence\":" + confidence + "}";
            firstField = false;
        }
        out += "}";
    }
    if (!e.pageTransforms.empty())
    {
        // [original width, original height, the 9 coefficients]
        out += ",\"page_transforms\":[";
        for (std::size_t i = 0; i < e.pageTransforms.size(); ++i)
        {
            const PageTransform& t = e.pageTransforms[i];
            out += (i ? "," : "") + std::string("[") + std::to_string(t.originalWidth) + "," +
                   std::to_string(t.originalHeight);
            for (double c : t.matrix)
            {
                char number[32];
                std::snprintf(number, sizeof number, "%.9g", c);
                out += std::string(",") + number;
            }
            out += "]";
        }
        out += "]";
    }
    if (!e.notes.empty())
    {
        out += ",\"notes\":[";
        for (std::size_t i = 0; i < e.notes.size(); ++i)
            out += (i ? "," : "") + jsonString(e.notes[i]);
        out += "]";
    }
    return out + "}";
}

std::string extractionErrorJsonLine(const std::string& file, const std::string& error)
{
    return "{\"file\":" + jsonString(file) + ",\"error\":" + jsonString(error) + "}";
}

Extraction extractionFromJson(const std::string& json)
{
    Json root = Json::parse(json, "extraction");
    Extraction e;
    if (const Json* type = root.find("document_type"))
        e.documentType = type->asString();
    if (const Json* pages = root.find("pages"))
        e.pages = integer(*pages);
    if (const Json* fields = root.find("fields"))
    {
        for (const JsonMember& member : fields->members())
        {
            ExtractedField f;
            if (const Json* value = member.value.find("value"))
                f.value = value->asString();
            if (const Json* confidence = member.value.find("confidence"))
                f.confidence = confidence->asNumber();
            if (const Json* source = member.value.find("source"))
                f.source = sourceNamed(source->asString());
            if (const Json* regions = member.value.find("regions"))
            {
                for (const Json& r : regions->items())
                {
                    Region region;
                    region.page = integer(required(r, "page"));
                    region.x = integer(required(r, "x"));
                    region.y = integer(required(r, "y"));
                    region.width = integer(required(r, "width"));
                    region.height = integer(required(r, "height"));
                    f.regions.push_back(region);
                }
            }
            e.fields[member.key] = f;
        }
    }
    if (const Json* sizes = root.find("page_sizes"))
    {
        for (const Json& size : sizes->items())
        {
            if (size.items().size() == 2)
                e.pageSizes.push_back(PageSize{integer(size.items()[0]), integer(size.items()[1])});
        }
    }
    if (const Json* zone = root.find("visual_zone"))
    {
        for (const JsonMember& member : zone->members())
        {
            ExtractedField f;
            f.value = required(member.value, "value").asString();
            f.confidence = required(member.value, "confidence").asNumber();
            f.source = FieldSource::Ocr;
            e.visualZone[member.key] = f;
        }
    }
    if (const Json* transforms = root.find("page_transforms"))
    {
        for (const Json& item : transforms->items())
        {
            if (item.items().size() != 11)
                continue;
            PageTransform t;
            t.originalWidth = integer(item.items()[0]);
            t.originalHeight = integer(item.items()[1]);
            for (std::size_t i = 0; i < 9; ++i)
                t.matrix[i] = item.items()[i + 2].asNumber();
            e.pageTransforms.push_back(t);
        }
    }
    if (const Json* onOriginal = root.find("regions_on_original"))
        e.regionsOnOriginal = onOriginal->asBoolean();
    if (const Json* notes = root.find("notes"))
    {
        for (const Json& note : notes->items())
            e.notes.push_back(note.asString());
    }
    return e;
}

} // namespace proofdesk
