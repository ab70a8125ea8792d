#pragma once

// The synthetic corpus of samples/ with its ground truth, and how a reading is scored against it.
// Shared by the accuracy test (floors) and the reading benchmark (figures).

#include "proofdesk/domain/Extraction.h"
#include "proofdesk/domain/Json.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace proofdesk::test
{

/// One document of the corpus and what it truly says.
struct TruthDocument
{
    std::string path;         // the document file
    std::string documentType;
    std::string degradation;  // clean, scanned, hard, fax
    std::map<std::string, std::string> fields;
    std::string caseReference;  // written on a fax cover page, when the document has one
};

/// Every document under `dir` that has a ground-truth JSON beside it (name.json for name.ext).
inline std::vector<TruthDocument> loadCorpus(const std::string& dir)
{
    std::vector<TruthDocument> corpus;
    std::vector<std::filesystem::path> jsons;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    {
        if (entry.path().extension() == ".json" && entry.path().filename() != "index.json" &&
            entry.path().filename() != "profile.json" && entry.path().parent_path().filename() != "truth")
            jsons.push_back(entry.path());
    }
    std::sort(jsons.begin(), jsons.end());
    for (const auto& json : jsons)
    {
        std::ifstream in(json);
        std::stringstream text;
        text << in.rdbuf();
        Json root = Json::parse(text.str(), json.string());
        const Json* file = root.find("file");
        const Json* type = root.find("document_type");
        if (file == nullptr || type == nullptr)
            continue;
        TruthDocument doc;
        doc.path = (json.parent_path() / file->asString()).string();
        if (!std::filesystem::exists(doc.path))
            continue;
        doc.documentType = type->asString();
        if (const Json* degradation = root.find("degradation"))
            doc.degradation = degradation->asString();
        if (const Json* reference = root.find("case_reference"))
            doc.caseReference = reference->asString();
        if (const Json* fields = root.find("fields"))
        {
            for (const JsonMember& member : fields->members())
            {
                if (member.value.isString())
                    doc.fields[member.key] = member.value.asString();
            }
        }
        corpus.push_back(doc);
    }
    return corpus;
}

/// Counts for one group of documents.
struct ReadingScore
{
    int documents = 0;
    int typesRight = 0;
    int fields = 0;
    int fieldsRight = 0;
    int errors = 0;  // documents that could not be read at all

    double typeAccuracy() const { return documents == 0 ? 1.0 : static_cast<double>(typesRight) / documents; }
    double fieldAccuracy() const { return fields == 0 ? 1.0 : static_cast<double>(fieldsRight) / fields; }

    void add(const ReadingScore& other)
    {
        documents += other.documents;
        typesRight += other.typesRight;
        fields += other.fields;
        fieldsRight += other.fieldsRight;
        errors += other.errors;
    }
};

/// Scores one reading: the type, and each field the document truly shows, exactly (both sides are
/// normalised as SPEC 4 says). `misses` gets "field: expected | found" lines for the report.
inline ReadingScore scoreReading(const TruthDocument& truth, const Extraction* reading,
                                 std::vector<std::string>* misses = nullptr)
{
    ReadingScore score;
    score.documents = 1;
    if (reading == nullptr)
    {
        score.errors = 1;
        score.fields = static_cast<int>(truth.fields.size());
        return score;
    }
    score.typesRight = reading->documentType == truth.documentType ? 1 : 0;
    if (!score.typesRight && misses)
        misses->push_back("document_type: " + truth.documentType + " | " + reading->documentType);
    for (const auto& [name, expected] : truth.fields)
    {
        ++score.fields;
        auto found = reading->fields.find(name);
        bool right = found != reading->fields.end() && found->second.value == expected;
        score.fieldsRight += right ? 1 : 0;
        if (!right && misses)
            misses->push_back(name + ": " + expected + " | " +
                              (found == reading->fields.end() ? std::string("(none)") : found->second.value));
    }
    return score;
}

} // namespace proofdesk::test
