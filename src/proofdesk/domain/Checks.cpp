#include "proofdesk/domain/Checks.h"

#include "proofdesk/domain/AddressMatch.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/MatchText.h"
#include "proofdesk/domain/NameMatch.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <set>

namespace proofdesk
{

namespace
{

// statement_recent's window when the evidence requirement listing the kind gives no max_age_days.
constexpr int DefaultStatementMaxAgeDays = 90;
// A number read on a card front that is a prefix or suffix of the barcode's, this long or longer, is the
// same number read short (a front printed in two lines, a crop), not a different one.
constexpr std::size_t MinPartialNumber = 6;

using Documents = std::vector<CheckDocument>;

bool isCardKind(const std::string& kind)
{
    return kind == "drivers_license" || kind == "state_id";
}

bool isIdKind(const std::string& kind)
{
    return isCardKind(kind) || kind == "passport";
}

bool isStatementKind(const std::string& kind)
{
    return kind == "bank_statement" || kind == "utility_bill" || kind == "payroll_statement";
}

const ExtractedField* fieldOf(const Extraction& extraction, const char* name)
{
    const auto it = extraction.fields.find(name);
    if (it == extraction.fields.end() || it->second.value.find_first_not_of(" \t") == std::string::npos)
        return nullptr;
    return &it->second;
}

std::string valueOf(const Extraction& extraction, const char* name)
{
    const ExtractedField* field = fieldOf(extraction, name);
    return field ? field->value : std::string();
}

bool fromBarcode(const CheckDocument& document)
{
    return std::any_of(document.extraction.fields.begin(), document.extraction.fields.end(),
                       [](const auto& entry) { return entry.second.source == FieldSource::Pdf417; });
}

bool fromMrz(const Extraction& extraction)
{
    return std::any_of(extraction.fields.begin(), extraction.fields.end(),
                       [](const auto& entry) { return entry.second.source == FieldSource::Mrz; });
}

std::optional<std::chrono::sys_days> isoDay(const std::string& text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i)
        {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    const std::chrono::year_month_day date{std::chrono::year(parts[0]),
                                           std::chrono::month(static_cast<unsigned>(parts[1])),
                                           std::chrono::day(static_cast<unsigned>(parts[2]))};
    if (!date.ok())
        return std::nullopt;
    return std::chrono::sys_days(date);
}

std::string isoText(std::chrono::sys_days day)
{
    return isoDate(std::chrono::year_month_day(day));
}

NameParts registeredName(const Profile& profile)
{
    return {profile.firstName, profile.middleName, profile.lastName};
}

NameParts documentName(const Extraction& extraction)
{
    return {valueOf(extraction, "first_name"), valueOf(extraction, "middle_name"), valueOf(extraction, "last_name")};
}

bool hasName(const Extraction& extraction)
{
    return fieldOf(extraction, "first_name") || fieldOf(extraction, "last_name");
}

bool hasAddress(const Extraction& extraction)
{
    for (const char* name : {"address_line1", "address_line2", "city", "state", "postal_code"})
        if (fieldOf(extraction, name))
            return true;
    return false;
}

// Document numbers as printed: letters and digits only, upper case.
std::string numberKey(const std::string& number)
{
    return runTogether(matchWords(number));
}

enum class NumberAgreement
{
    Same,
    Partial,  // one is a prefix or suffix of the other, MinPartialNumber long or more
    Different,
    Unread
};

NumberAgreement compareNumbers(const std::string& a, const std::string& b)
{
    const std::string x = numberKey(a);
    const std::string y = numberKey(b);
    if (x.empty() || y.empty())
        return NumberAgreement::Unread;
    if (x == y)
        return NumberAgreement::Same;
    const std::string& shorter = x.size() < y.size() ? x : y;
    const std::string& longer = x.size() < y.size() ? y : x;
    if (shorter.size() >= MinPartialNumber &&
        (longer.compare(0, shorter.size(), shorter) == 0 ||
         longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0))
        return NumberAgreement::Partial;
    return NumberAgreement::Different;
}

bool sameNameAndBirth(const Extraction& a, const Extraction& b)
{
    const std::string dob = valueOf(a, "date_of_birth");
    return !dob.empty() && dob == valueOf(b, "date_of_birth") &&
           matchName(documentName(a), documentName(b)).result == CheckResult::Pass;
}

// The two sides of one card: a back read from its PDF417 barcode and a front read by OCR with the same
// document number (or, when the front's number was not read, the same kind, name and date of birth).
// Returns, per document, the index of its other side.
std::vector<std::optional<std::size_t>> pairSides(const Documents& documents)
{
    std::vector<std::optional<std::size_t>> partner(documents.size());
    for (std::size_t back = 0; back < documents.size(); ++back)
    {
        const Extraction& b = documents[back].extraction;
        if (!isCardKind(b.documentType) || !fromBarcode(documents[back]))
            continue;
        std::optional<std::size_t> chosen;
        for (std::size_t front = 0; front < documents.size() && !chosen; ++front)
        {
            const Extraction& f = documents[front].extraction;
            if (front == back || partner[front] || !isCardKind(f.documentType) || fromBarcode(documents[front]))
                continue;
            const NumberAgreement numbers =
                compareNumbers(valueOf(b, "document_number"), valueOf(f, "document_number"));
            if (numbers == NumberAgreement::Same || numbers == NumberAgreement::Partial)
                chosen = front;
            else if (numbers == NumberAgreement::Unread && f.documentType == b.documentType && sameNameAndBirth(b, f))
                chosen = front;
        }
        if (chosen)
        {
            partner[back] = *chosen;
            partner[*chosen] = back;
        }
    }
    return partner;
}

CheckOutcome outcome(const char* id, const std::optional<std::string>& document, CheckResult result,
                     std::string expected, std::string found, std::string reason)
{
    return CheckOutcome{id, document, result, std::move(expected), std::move(found), std::move(reason)};
}

CheckOutcome fromMatch(const char* id, const std::string& document, const MatchOutcome& match)
{
    return outcome(id, document, match.result, match.expected, match.found, match.reason);
}

void nameChecks(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        if (!hasName(e) && e.documentType == "unknown")
            continue;
        out.push_back(fromMatch(CheckIds::NameMatch, document.label, matchName(registeredName(input.profile), documentName(e))));
    }
}

void addressChecks(const CheckInput& input, const UspsTables& tables, std::vector<CheckOutcome>& out)
{
    const Profile& p = input.profile;
    const PostalAddress registered{p.street, p.unit, p.city, p.state, p.zip};
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        if (!hasAddress(e) && !isStatementKind(e.documentType))
            continue;
        const PostalAddress found{valueOf(e, "address_line1"), valueOf(e, "address_line2"), valueOf(e, "city"),
                                  valueOf(e, "state"), valueOf(e, "postal_code")};
        out.push_back(fromMatch(CheckIds::AddressMatch, document.label, matchAddress(registered, found, tables)));
    }
}

void birthChecks(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const std::string& registered = input.profile.dateOfBirth;
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        const std::string found = valueOf(e, "date_of_birth");
        if (found.empty() && !isIdKind(e.documentType))
            continue;
        if (found.empty())
        {
            out.push_back(outcome(CheckIds::DobMatch, document.label, CheckResult::Unknown, registered, "",
                                  "no date of birth was read on the document"));
            continue;
        }
        if (found == registered)
        {
            out.push_back(outcome(CheckIds::DobMatch, document.label, CheckResult::Pass, registered, found,
                                  "the date of birth matches"));
            continue;
        }
        // Day and month swapped (03/04 read as 4 March) is a reading question, not a different person.
        const bool swapped = found.size() == 10 && registered.size() == 10 &&
                             found.substr(0, 4) == registered.substr(0, 4) &&
                             found.substr(5, 2) == registered.substr(8, 2) &&
                             found.substr(8, 2) == registered.substr(5, 2);
        out.push_back(outcome(CheckIds::DobMatch, document.label, swapped ? CheckResult::Unknown : CheckResult::Fail,
                              registered, found,
                              swapped ? "the same date with day and month swapped" : "a different date of birth"));
    }
}

void expiryChecks(const WorkflowDefinition& workflow, const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const int margin = workflow.checks().idExpiryMarginDays;
    const std::chrono::sys_days limit = input.today + std::chrono::days(margin);
    const std::string expected = "after " + isoText(limit);
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        if (!isIdKind(e.documentType))
            continue;
        const std::string found = valueOf(e, "expiration_date");
        const std::optional<std::chrono::sys_days> expiry = isoDay(found);
        if (!expiry)
        {
            out.push_back(outcome(CheckIds::IdUnexpired, document.label, CheckResult::Unknown, expected, found,
                                  found.empty() ? "no expiration date was read" : "the expiration date is not a date"));
            continue;
        }
        if (*expiry > limit)
            out.push_back(outcome(CheckIds::IdUnexpired, document.label, CheckResult::Pass, expected, found,
                                  "valid for " + std::to_string((*expiry - input.today).count()) + " more days"));
        else if (*expiry < input.today)
            out.push_back(outcome(CheckIds::IdUnexpired, document.label, CheckResult::Fail, expected, found,
                                  "expired " + std::to_string((input.today - *expiry).count()) + " days ago"));
        else
            out.push_back(outcome(CheckIds::IdUnexpired, document.label, CheckResult::Fail, expected, found,
                                  "expires within the workflow's margin of " + std::to_string(margin) + " days"));
    }
}

int statementWindowDays(const WorkflowDefinition& workflow, const std::string& kind)
{
    for (const EvidenceRequirement& requirement : workflow.evidence())
        if (!requirement.isFact() &&
            std::find(requirement.kinds.begin(), requirement.kinds.end(), kind) != requirement.kinds.end() &&
            requirement.maxAge)
            return static_cast<int>(std::chrono::duration_cast<std::chrono::days>(*requirement.maxAge).count());
    return DefaultStatementMaxAgeDays;
}

void recencyChecks(const WorkflowDefinition& workflow, const CheckInput& input, std::vector<CheckOutcome>& out)
{
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        if (!isStatementKind(e.documentType))
            continue;
        const int window = statementWindowDays(workflow, e.documentType);
        const std::string expected = "on or after " + isoText(input.today - std::chrono::days(window));
        const std::string found = valueOf(e, "statement_date");
        const std::optional<std::chrono::sys_days> date = isoDay(found);
        if (!date)
        {
            out.push_back(outcome(CheckIds::StatementRecent, document.label, CheckResult::Unknown, expected, found,
                                  found.empty() ? "no statement date was read" : "the statement date is not a date"));
            continue;
        }
        const auto age = (input.today - *date).count();
        if (age < 0)
            out.push_back(outcome(CheckIds::StatementRecent, document.label, CheckResult::Unknown, expected, found,
                                  "dated after today"));
        else if (age <= window)
            out.push_back(outcome(CheckIds::StatementRecent, document.label, CheckResult::Pass, expected, found,
                                  std::to_string(age) + " days old (window " + std::to_string(window) + " days)"));
        else
            out.push_back(outcome(CheckIds::StatementRecent, document.label, CheckResult::Fail, expected, found,
                                  std::to_string(age) + " days old, older than the " + std::to_string(window) +
                                      "-day window"));
    }
}

void issuerCheck(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const std::string expected = "2 different issuers";
    std::vector<const CheckDocument*> statements;
    for (const CheckDocument& document : input.documents)
        if (isStatementKind(document.extraction.documentType))
            statements.push_back(&document);
    std::string found;
    std::set<std::string> distinct;
    std::vector<std::string> unread;
    for (const CheckDocument* statement : statements)
    {
        const std::string issuer = valueOf(statement->extraction, "issuer_name");
        found += (found.empty() ? "" : "; ") + (issuer.empty() ? "(not read)" : issuer);
        if (issuer.empty() || normalizeIssuerName(issuer).empty())
            unread.push_back(statement->label);
        else
            distinct.insert(normalizeIssuerName(issuer));
    }
    if (statements.size() < 2)
        out.push_back(outcome(CheckIds::IssuersDistinct, std::nullopt, CheckResult::Unknown, expected, found,
                              "fewer than two statements"));
    else if (distinct.size() >= 2)
        out.push_back(outcome(CheckIds::IssuersDistinct, std::nullopt, CheckResult::Pass, expected, found,
                              std::to_string(distinct.size()) + " different issuers"));
    else if (!unread.empty())
        out.push_back(outcome(CheckIds::IssuersDistinct, std::nullopt, CheckResult::Unknown, expected, found,
                              "the issuer was not read on " + std::to_string(unread.size()) + " statement(s)"));
    else
        out.push_back(outcome(CheckIds::IssuersDistinct, std::nullopt, CheckResult::Fail, expected, found,
                              "every statement comes from the same issuer"));
}

// Whether two documents say something different about themselves (another number, another statement date,
// another issuer), so that a look-alike image is a second document of the same design, not the same one.
bool distinguishable(const Extraction& a, const Extraction& b)
{
    if (a.documentType != "unknown" && b.documentType != "unknown" && a.documentType != b.documentType)
        return true;
    for (const char* name : {"document_number", "statement_date", "date_of_birth", "expiration_date"})
    {
        const std::string x = valueOf(a, name);
        const std::string y = valueOf(b, name);
        if (!x.empty() && !y.empty() && numberKey(x) != numberKey(y))
            return true;
    }
    const std::string x = valueOf(a, "issuer_name");
    const std::string y = valueOf(b, "issuer_name");
    return !x.empty() && !y.empty() && normalizeIssuerName(x) != normalizeIssuerName(y);
}

void distinctCheck(const WorkflowDefinition& workflow, const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const Documents& documents = input.documents;
    const std::string expected = "no document twice";
    std::string found;
    int hashed = 0;
    for (std::size_t i = 0; i < documents.size(); ++i)
    {
        hashed += !documents[i].sha256.empty() || !documents[i].perceptualHash.empty();
        for (std::size_t j = i + 1; j < documents.size(); ++j)
        {
            const CheckDocument& a = documents[i];
            const CheckDocument& b = documents[j];
            std::string why;
            if (!a.sha256.empty() && a.sha256 == b.sha256)
                why = "the same file";
            else if (const std::optional<int> distance = perceptualHashDistance(a.perceptualHash, b.perceptualHash);
                     distance && *distance <= workflow.checks().imageMatchMaxDistance &&
                     !distinguishable(a.extraction, b.extraction))
                why = "the same image (" + std::to_string(*distance) + " of 64 bits differ)";
            if (!why.empty())
                found += (found.empty() ? "" : "; ") + a.label + " and " + b.label + ": " + why;
        }
    }
    if (!found.empty())
        out.push_back(outcome(CheckIds::DocumentsDistinct, std::nullopt, CheckResult::Fail, expected, found,
                              "a document was sent twice"));
    else if (documents.size() > 1 && hashed < static_cast<int>(documents.size()))
        out.push_back(outcome(CheckIds::DocumentsDistinct, std::nullopt, CheckResult::Unknown, expected, "",
                              "some documents have no hash to compare"));
    else
        out.push_back(outcome(CheckIds::DocumentsDistinct, std::nullopt, CheckResult::Pass, expected,
                              std::to_string(documents.size()) + " different documents",
                              "no file or image appears twice"));
}

void ssnCheck(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const SsnFacts& ssn = input.ssn;
    const std::string expected = ssn.ssnGiven ? "the last four digits of the registered SSN" : "the last four SSN digits";
    if (!ssn.last4Provided)
        out.push_back(outcome(CheckIds::SsnLast4, std::nullopt, CheckResult::Unknown, expected, "not sent",
                              ssn.ssnGiven ? "not provided (not required: the full SSN was given at registration)"
                                           : "not provided (required: no SSN was given at registration)"));
    else if (!ssn.last4Matches)
        out.push_back(outcome(CheckIds::SsnLast4, std::nullopt, CheckResult::Unknown, expected, "sent",
                              "provided; no registered SSN to compare them with"));
    else if (*ssn.last4Matches)
        out.push_back(outcome(CheckIds::SsnLast4, std::nullopt, CheckResult::Pass, expected, "sent",
                              "the digits sent match the registered SSN"));
    else
        out.push_back(outcome(CheckIds::SsnLast4, std::nullopt, CheckResult::Fail, expected, "sent",
                              "the digits sent do not match the registered SSN"));
}

std::string cardSummary(const Extraction& e)
{
    std::string out = valueOf(e, "document_number");
    const std::string name = joinWords(matchWords(valueOf(e, "first_name") + " " + valueOf(e, "last_name")));
    for (const std::string& part : {name, valueOf(e, "date_of_birth")})
        if (!part.empty())
            out += (out.empty() ? "" : ", ") + part;
    return out;
}

// Compares the fields two readings of one document share: the number, the name, the date of birth (and for
// a passport the expiry and sex). Fail on a clear difference, Unknown on a near one or when nothing could be
// compared.
// The OCR confidence from which a printed value that disagrees with a machine-read one fails the check (below
// it the check asks the reviewer to look): Tesseract's mean word confidence on clean print is about 0.9.
constexpr double kSureOcr = 0.85;

CheckOutcome compareReadings(const char* id, const std::string& label, const Extraction& reference,
                             const Extraction& other, const char* referenceName, const char* otherName)
{
    std::vector<std::string> failures;
    std::vector<std::string> doubts;
    int compared = 0;
    switch (compareNumbers(valueOf(reference, "document_number"), valueOf(other, "document_number")))
    {
    case NumberAgreement::Same:
        ++compared;
        break;
    case NumberAgreement::Partial:
        ++compared;
        doubts.push_back("the document number is read only in part on the " + std::string(otherName));
        break;
    case NumberAgreement::Different:
        ++compared;
        failures.push_back("the document number differs");
        break;
    case NumberAgreement::Unread:
        break;
    }
    if (hasName(reference) && hasName(other))
    {
        ++compared;
        const MatchOutcome names = matchName(documentName(reference), documentName(other));
        if (names.result == CheckResult::Fail)
            failures.push_back("the name differs: " + names.reason);
        else if (names.result == CheckResult::Unknown)
            doubts.push_back("the name: " + names.reason);
    }
    for (const auto& [field, what] : {std::pair<const char*, const char*>{"date_of_birth", "the date of birth"},
                                      {"expiration_date", "the expiration date"},
                                      {"sex", "the sex"}})
    {
        const std::string a = valueOf(reference, field);
        const std::string b = valueOf(other, field);
        if (a.empty() || b.empty())
            continue;
        ++compared;
        if (a == b)
            continue;
        // OCR that was itself unsure of what it read is a reason to look, not evidence of a forgery.
        const ExtractedField* read = fieldOf(other, field);
        if (read != nullptr && read->source == FieldSource::Ocr && read->confidence < kSureOcr)
            doubts.push_back(std::string(what) + " differs, but the " + otherName + " was read with low confidence");
        else
            failures.push_back(std::string(what) + " differs");
    }
    std::string reason;
    for (const std::vector<std::string>* list : {&failures, &doubts})
        for (const std::string& note : *list)
            reason += (reason.empty() ? "" : "; ") + note;
    CheckResult result = CheckResult::Pass;
    if (!failures.empty())
        result = CheckResult::Fail;
    else if (!doubts.empty())
        result = CheckResult::Unknown;
    else if (compared == 0)
    {
        result = CheckResult::Unknown;
        reason = std::string("nothing to compare: the ") + otherName + " gave no number, name or date";
    }
    else
        reason = std::string("the ") + referenceName + " and the " + otherName + " agree";
    return outcome(id, label, result, cardSummary(reference), cardSummary(other), reason);
}

void barcodeChecks(const CheckInput& input, const std::vector<std::optional<std::size_t>>& partner,
                   std::vector<CheckOutcome>& out)
{
    const Documents& documents = input.documents;
    std::vector<std::size_t> backs;
    for (std::size_t i = 0; i < documents.size(); ++i)
        if (isCardKind(documents[i].extraction.documentType) && fromBarcode(documents[i]))
            backs.push_back(i);
    for (std::size_t front = 0; front < documents.size(); ++front)
    {
        const CheckDocument& f = documents[front];
        if (!isCardKind(f.extraction.documentType) || fromBarcode(f))
            continue;
        std::optional<std::size_t> back = partner[front];
        // A front whose number disagrees with the only back in the case is compared with it all the same:
        // that disagreement is the signal.
        if (!back && backs.size() == 1 && !partner[backs.front()] &&
            documents[backs.front()].extraction.documentType == f.extraction.documentType)
            back = backs.front();
        if (!back)
            continue;
        out.push_back(compareReadings(CheckIds::BarcodeFrontAgree, f.label, documents[*back].extraction, f.extraction,
                                      "barcode", "printed front"));
    }
}

void mrzChecks(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    for (const CheckDocument& document : input.documents)
    {
        const Extraction& e = document.extraction;
        if (e.documentType != "passport")
            continue;
        std::optional<Extraction> otherZone = document.otherZone;
        if (!otherZone && !e.visualZone.empty())
        {
            otherZone = Extraction{};
            otherZone->documentType = e.documentType;
            otherZone->fields = e.visualZone;
        }
        if (otherZone)
        {
            const bool mrzFirst = fromMrz(e);
            const Extraction& mrz = mrzFirst ? e : *otherZone;
            const Extraction& visual = mrzFirst ? *otherZone : e;
            out.push_back(compareReadings(CheckIds::MrzVisualAgree, document.label, mrz, visual, "MRZ", "visual zone"));
            continue;
        }
        out.push_back(outcome(CheckIds::MrzVisualAgree, document.label, CheckResult::Unknown, cardSummary(e), "",
                              fromMrz(e) ? "only the MRZ was read (its check digits hold); compare the printed "
                                           "page by eye"
                                         : "the MRZ was not read; only the printed page"));
    }
}

void reuseChecks(const CheckInput& input, std::vector<CheckOutcome>& out)
{
    const std::string expected = "not on another case";
    if (!input.reuse)
    {
        out.push_back(outcome(CheckIds::Reuse, std::nullopt, CheckResult::Unknown, expected, "",
                              "other cases were not searched"));
        return;
    }
    for (const CheckDocument& document : input.documents)
    {
        std::string found;
        for (const ReuseHit& hit : *input.reuse)
            if (hit.document == document.label)
                found += (found.empty() ? "" : "; ") +
                         std::string(hit.kind == ReuseKind::DocumentNumber ? "document number" : "image") +
                         " on case " + hit.otherCase;
        if (found.empty())
            out.push_back(outcome(CheckIds::Reuse, document.label, CheckResult::Pass, expected, "",
                                  "not seen on another case"));
        else
            out.push_back(outcome(CheckIds::Reuse, document.label, CheckResult::Fail, expected, found,
                                  "the same document is on another case"));
    }
}

int rank(CheckResult result)
{
    return result == CheckResult::Fail ? 0 : result == CheckResult::Unknown ? 1 : 2;
}

const std::set<std::string>& corporateEndings()
{
    static const std::set<std::string> words{"NA",  "FSB", "INC", "LLC", "CO",  "CORP", "COMPANY", "CORPORATION",
                                             "LTD", "PLC", "LP",  "LLP", "SSB", "FCU"};
    return words;
}

} // namespace

const std::vector<std::string>& CheckIds::all()
{
    static const std::vector<std::string> ids{NameMatch,      AddressMatch,      DobMatch,  IdUnexpired,
                                              StatementRecent, IssuersDistinct,  DocumentsDistinct,
                                              SsnLast4,       BarcodeFrontAgree, MrzVisualAgree, Reuse};
    return ids;
}

int CheckReport::failed() const noexcept
{
    return static_cast<int>(std::count_if(checks.begin(), checks.end(),
                                          [](const CheckOutcome& c) { return c.result == CheckResult::Fail; }));
}

int CheckReport::unknown() const noexcept
{
    return static_cast<int>(std::count_if(checks.begin(), checks.end(),
                                          [](const CheckOutcome& c) { return c.result == CheckResult::Unknown; }));
}

std::vector<CheckOutcome> CheckReport::failingFirst() const
{
    std::vector<CheckOutcome> sorted = checks;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const CheckOutcome& a, const CheckOutcome& b) { return rank(a.result) < rank(b.result); });
    return sorted;
}

std::optional<int> perceptualHashDistance(std::string_view a, std::string_view b)
{
    const auto parse = [](std::string_view hex) -> std::optional<std::uint64_t> {
        if (hex.size() != 16)
            return std::nullopt;
        std::uint64_t value = 0;
        for (const char c : hex)
        {
            int digit = -1;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            if (digit < 0)
                return std::nullopt;
            value = (value << 4) | static_cast<std::uint64_t>(digit);
        }
        return value;
    };
    const std::optional<std::uint64_t> x = parse(a);
    const std::optional<std::uint64_t> y = parse(b);
    if (!x || !y)
        return std::nullopt;
    return static_cast<int>(std::bitset<64>(*x ^ *y).count());
}

std::string normalizeIssuerName(std::string_view name)
{
    std::string text;
    for (const char c : name)
        text += c == '&' ? std::string(" AND ") : std::string(1, c);
    std::vector<std::string> words = matchWords(text);
    if (words.size() > 1 && words.front() == "THE")
        words.erase(words.begin());
    // Corporate endings, possibly several ("BANK OF EXAMPLE, N.A." / "EXAMPLE CO INC"); "N. A." splits in two.
    while (words.size() > 1)
    {
        const std::size_t n = words.size();
        if (corporateEndings().count(words.back()))
            words.pop_back();
        else if (n > 2 && words[n - 2] == "N" && words[n - 1] == "A")
            words.resize(n - 2);
        else if (n > 2 && words[n - 2] == "NATIONAL" && words[n - 1] == "ASSOCIATION")
            words.resize(n - 2);
        else
            break;
    }
    return joinWords(words);
}

CheckReport runChecks(const WorkflowDefinition& workflow, const UspsTables& tables, const CheckInput& input)
{
    CheckReport report;
    const std::vector<std::optional<std::size_t>> partner = pairSides(input.documents);

    EvidenceFacts facts;
    facts.ssnGiven = input.ssn.ssnGiven;
    facts.ssnLast4Provided = input.ssn.last4Provided;
    for (std::size_t i = 0; i < input.documents.size(); ++i)
    {
        const CheckDocument& document = input.documents[i];
        // The front of a paired card counts through its back: one card, one piece of evidence.
        if (partner[i] && !fromBarcode(document))
        {
            report.pairedSides.emplace_back(input.documents[*partner[i]].label, document.label);
            continue;
        }
        facts.documentKinds.push_back(document.extraction.documentType);
    }
    report.evidence = evaluateEvidence(workflow, facts);

    nameChecks(input, report.checks);
    addressChecks(input, tables, report.checks);
    birthChecks(input, report.checks);
    expiryChecks(workflow, input, report.checks);
    recencyChecks(workflow, input, report.checks);
    issuerCheck(input, report.checks);
    distinctCheck(workflow, input, report.checks);
    ssnCheck(input, report.checks);
    barcodeChecks(input, partner, report.checks);
    mrzChecks(input, report.checks);
    reuseChecks(input, report.checks);
    return report;
}

} // namespace proofdesk
