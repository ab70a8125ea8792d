#include "proofdesk/domain/PassportZoneReader.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/FieldReading.h"
#include "proofdesk/domain/PersonNameText.h"

#include <algorithm>
#include <optional>

namespace proofdesk
{

using namespace std::chrono;

namespace
{

// The labels of a passport data page, in English and (as printed on U.S. passports) French and Spanish.
const std::vector<LabelPhrase>& passportLabels()
{
    static const std::vector<LabelPhrase> labels = {
        {"surname", "SURNAME", 1},       {"surname", "LAST NAME", 1},    {"given", "GIVEN NAMES", 1},
        {"given", "GIVEN NAME", 1},      {"given", "FIRST NAME", 1},     {"dob", "DATE OF BIRTH", 1},
        {"dob", "BIRTH DATE", 1},        {"exp", "DATE OF EXPIRATION", 1}, {"exp", "DATE OF EXPIRY", 1},
        {"exp", "EXPIRATION DATE", 1},   {"exp", "EXPIRY DATE", 1},      {"iss", "DATE OF ISSUE", 1},
        {"iss", "ISSUE DATE", 1},        {"number", "PASSPORT NO", 1},   {"number", "PASSPORT NUMBER", 1},
        {"number", "DOCUMENT NO", 2},    {"number", "DOCUMENT NUMBER", 2}, {"sex", "SEX", 1},
        {"code", "CODE", 2},             {"code", "CODE OF ISSUING STATE", 1}, {"code", "ISSUING STATE", 1},
        // the other labels only end values
        {"stop", "NOM", 1},              {"stop", "APELLIDOS", 1},       {"stop", "PRENOMS", 1},
        {"stop", "NOMBRES", 1},          {"stop", "NATIONALITY", 1},     {"stop", "NATIONALITE", 1},
        {"stop", "NACIONALIDAD", 1},     {"stop", "DATE DE NAISSANCE", 1}, {"stop", "FECHA DE NACIMIENTO", 1},
        {"stop", "PLACE OF BIRTH", 1},   {"stop", "LIEU DE NAISSANCE", 1}, {"stop", "LUGAR DE NACIMIENTO", 1},
        {"stop", "SEXE", 1},             {"stop", "SEXO", 1},            {"stop", "DATE DE DELIVRANCE", 1},
        {"stop", "FECHA DE EXPEDICION", 1}, {"stop", "DATE D EXPIRATION", 1}, {"stop", "DATE DEXPIRATION", 1},
        {"stop", "FECHA DE CADUCIDAD", 1}, {"stop", "AUTHORITY", 1},     {"stop", "AUTORITE", 1},
        {"stop", "AUTORIDAD", 1},        {"stop", "NO DU PASSEPORT", 1}, {"stop", "TYPE", 1},
        {"stop", "TIPO", 1},             {"stop", "CODIGO", 1},          {"stop", "ENDORSEMENTS", 1},
        {"stop", "MENTIONS SPECIALES", 1}, {"stop", "PASSPORT", 2},     {"stop", "PASSEPORT", 1},
        {"stop", "PASAPORTE", 1}};
    return labels;
}

// A word as a passport number's characters: letters and digits, a leading '$' read as the 'S' it was.
std::string numberKey(const std::string& word)
{
    std::string key = text::alnumKey(word);
    if (!word.empty() && word[0] == '$')
        key.insert(key.begin(), 'S');
    return key;
}

bool isPassportNumber(const std::string& key)
{
    if (key.size() < 6 || key.size() > 10)
        return false;
    std::size_t digits = static_cast<std::size_t>(std::count_if(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }));
    return digits + 1 >= key.size();
}

bool nameWordsOnly(const std::string& text)
{
    bool letter = false;
    for (char c : text)
    {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            letter = true;
        else if (c != ' ' && c != '-' && c != '\'' && c != '.')
            return false;
    }
    return letter;
}

} // namespace

void readPassportZoneFields(const DocumentLayout& layout, sys_days today, FieldCandidates& fields)
{
    const std::vector<LabelHit> hits = layout.findLabels(passportLabels());
    std::optional<LocatedText> surname, given;
    for (const LabelHit& hit : hits)
    {
        const std::string& field = hit.label->field;
        if (field == "stop")
            continue;
        ValueSearch search;
        search.rightGap = 0.35;
        search.belowGap = 2.2;
        std::string how = "labelled '" + layout.spanText(hit.span) + "'";
        for (const LocatedText& value : valuesForLabel(layout, hit, hits, search))
        {
            double certainty = 0.95 * value.certainty * (hit.exact ? 1.0 : 0.92);
            if (offerIdentityField(fields, field, value, today, certainty, how))
                break;
            bool used = false;
            if (field == "number")
            {
                // The number may share its line with the type and code ("P USA 123456789").
                const LayoutLine& line = layout.lines()[static_cast<std::size_t>(value.span.line)];
                for (std::size_t w = value.span.begin; w < value.span.end && w < line.words.size() && !used; ++w)
                    if (isPassportNumber(numberKey(line.words[w].text)))
                    {
                        fields.offer("document_number",
                                     FieldCandidate{numberKey(line.words[w].text), certainty, value.lineConfidence,
                                                    {layout.spanRegion(WordSpan{value.span.line, w, w + 1})}, how});
                        used = true;
                    }
                if (!used)
                {
                    // Below a row of labels the number is the last word of the row of values.
                    for (std::size_t w = 0; w < line.words.size(); ++w)
                        if (isPassportNumber(numberKey(line.words[w].text)) && value.certainty < 1.0)
                        {
                            fields.offer("document_number",
                                         FieldCandidate{numberKey(line.words[w].text), certainty * 0.9, value.lineConfidence,
                                                        {layout.spanRegion(WordSpan{value.span.line, w, w + 1})}, how});
                            used = true;
                            break;
                        }
                }
            }
            else if (field == "code")
            {
                std::string key = text::alnumKey(value.text);
                if (key.size() >= 3 && key.find("USA") != std::string::npos)
                {
                    fields.offer("issuing_authority", FieldCandidate{"USA", certainty, value.lineConfidence, value.regions, how});
                    used = true;
                }
            }
            else if (field == "surname" || field == "given")
            {
                if (nameWordsOnly(value.text) && looksLikeNamePart(value.text))
                {
                    (field == "surname" ? surname : given) = value;
                    used = true;
                }
            }
            if (used)
                break;
        }
    }
    if (surname && given)
        offerFamilyAndGivenNames(fields, *surname, *given, "labelled surname and given names");
    else if (surname)
        fields.offer("last_name", FieldCandidate{upperAscii(surname->text), 0.8 * surname->certainty,
                                                 surname->lineConfidence, surname->regions, "labelled surname"});
    else if (given)
    {
        if (auto name = parseNameFields("X", given->text))
        {
            fields.offer("first_name", FieldCandidate{name->first, 0.8 * given->certainty, given->lineConfidence,
                                                      given->regions, "labelled given names"});
            fields.offer("middle_name", FieldCandidate{name->middle, 0.8 * given->certainty, given->lineConfidence,
                                                       given->regions, "labelled given names"});
        }
    }
    offerDatesByOrder(layout, today, 0.5, fields);
    // The issuing state: U.S. passports name it in the header.
    for (const LayoutLine& line : layout.lines())
    {
        std::string key = text::alnumKey(line.text);
        if (key.find("UNITEDSTATESOFAMERICA") != std::string::npos)
        {
            fields.offer("issuing_authority", FieldCandidate{"USA", 0.9, line.confidence, {line.box}, "United States of America"});
            break;
        }
    }
}

} // namespace proofdesk
