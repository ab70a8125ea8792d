#include "proofdesk/app/CheckService.h"

#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/app/ProfileCodec.h"
#include "proofdesk/domain/Error.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace proofdesk
{

namespace
{

// How many rows of other cases one search may look at: a document seen on more cases than this is flagged
// anyway, and the search stays bounded whatever the database holds.
constexpr int MaxReuseCandidates = 200;

bool isId(const std::string& kind)
{
    return kind == "drivers_license" || kind == "state_id" || kind == "passport";
}

std::string fieldValue(const Extraction& extraction, const char* name)
{
    const auto found = extraction.fields.find(name);
    return found == extraction.fields.end() ? std::string() : found->second.value;
}

// Labels as the reviewer knows the documents: their file names, numbered when two share one.
std::vector<std::string> labelsOf(const std::vector<DocumentRecord>& documents)
{
    std::map<std::string, int> uses;
    for (const DocumentRecord& document : documents)
        ++uses[document.displayName];
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < documents.size(); ++i)
    {
        const std::string& name = documents[i].displayName;
        labels.push_back(uses[name] > 1 ? name + " (" + std::to_string(i + 1) + ")" : name);
    }
    return labels;
}

// A document's kind in the applicant's words.
std::string kindWords(const std::string& kind)
{
    static const std::map<std::string, std::string> words{
        {"drivers_license", "driver's license"}, {"state_id", "ID card"},
        {"passport", "passport"},                {"bank_statement", "bank statement"},
        {"utility_bill", "utility bill"},        {"payroll_statement", "payroll statement"}};
    const auto found = words.find(kind);
    return found == words.end() ? "document" : found->second;
}

// The keyed fingerprint of what reading found: the same document read twice gives the same one; two
// documents of one template (two customers of one bank) do not, since names and dates differ.
std::string fieldsKey(const Extraction& e)
{
    if (fieldValue(e, "last_name").empty() && fieldValue(e, "document_number").empty())
        return {};
    std::string key = e.documentType;
    for (const char* name : {"first_name", "last_name", "date_of_birth", "document_number", "expiration_date",
                             "statement_date", "postal_code"})
        key += "|" + fieldValue(e, name).substr(0, std::string_view(name) == "postal_code" ? 5 : std::string::npos);
    key += "|" + normalizeIssuerName(fieldValue(e, "issuer_name"));
    return key;
}

} // namespace

std::string normalizedDocumentNumber(std::string_view number)
{
    std::string out;
    for (char c : number)
    {
        if (c >= 'a' && c <= 'z')
            out += static_cast<char>(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out += c;
    }
    return out.size() < 5 ? std::string() : out;
}

CheckService::CheckService(CaseStore& store, const WorkflowEngine& engine, const UspsTables& tables, Vault& vault,
                           Clock& clock, const ImageFingerprint& fingerprint)
    : _store(store), _engine(engine), _tables(tables), _vault(vault), _clock(clock), _fingerprint(fingerprint)
{
}

CheckInput CheckService::inputFor(const CaseRecord& record, const std::vector<DocumentRecord>& documents,
                                  std::vector<std::string>& labels)
{
    if (record.wrappedKey.empty())
        throw Error(ErrorCode::NotFound, "this case was purged; nothing is left to check");
    CheckInput input;
    input.profile = decodeProfile(_vault.open(record.wrappedKey, record.sealedProfile));
    input.today = std::chrono::floor<std::chrono::days>(_clock.now());
    input.ssn.ssnGiven = record.ssnGiven;
    input.ssn.last4Provided = record.ssnLast4Provided;
    input.ssn.last4Matches = record.ssnLast4Matches;
    labels = labelsOf(documents);
    for (std::size_t i = 0; i < documents.size(); ++i)
    {
        const DocumentRecord& stored = documents[i];
        CheckDocument document;
        document.label = labels[i];
        document.sha256 = stored.sha256;
        document.perceptualHash = stored.perceptualHash;
        if (!stored.sealedExtraction.empty())
        {
            try
            {
                document.extraction = extractionFromJson(_vault.open(record.wrappedKey, stored.sealedExtraction));
            }
            catch (const Error& e)
            {
                // A damaged result counts as not read (the case page says so too), never as a broken case.
                if (e.code() == ErrorCode::Unavailable)
                    throw;
            }
        }
        // Not read (yet), or read without recognising it: the kind the sender declared, as the evidence
        // calculus of the case uses.
        if (document.extraction.documentType == "unknown" && !stored.kind.empty())
            document.extraction.documentType = stored.kind;
        input.documents.push_back(std::move(document));
    }
    input.reuse = reuseHits(record, documents, labels);
    return input;
}

CheckInput CheckService::input(const CaseRecord& record)
{
    std::vector<std::string> labels;
    return inputFor(record, _store.documents(record.id), labels);
}

CheckReport CheckService::report(const CaseRecord& record)
{
    return runChecks(_engine.definition(), _tables, input(record));
}

std::optional<CheckReport> CheckService::refresh(std::int64_t caseId)
{
    std::optional<CaseRecord> record = _store.findById(caseId);
    if (!record || record->wrappedKey.empty())
        return std::nullopt;
    CheckReport result = report(*record);
    if (result.failed() != record->failingChecks)
        _store.setFailingChecks(caseId, result.failed());
    return result;
}

std::vector<ReuseHit> CheckService::reuseHits(const CaseRecord& record, const std::vector<DocumentRecord>& documents,
                                              const std::vector<std::string>& labels)
{
    std::vector<std::string> digests, numbers, fields;
    for (const DocumentRecord& document : documents)
    {
        digests.push_back(document.sha256);
        numbers.push_back(document.numberHash);
        fields.push_back(document.fieldsHash);
    }
    std::vector<ReuseHit> hits;
    std::set<std::tuple<std::string, std::string, int>> seen;
    const int maxDistance = _engine.definition().checks().imageMatchMaxDistance;
    const auto add = [&](std::size_t index, const std::string& other, ReuseKind kind) {
        if (seen.emplace(labels[index], other, static_cast<int>(kind)).second)
            hits.push_back(ReuseHit{labels[index], other, kind});
    };
    for (const ReuseCandidate& candidate :
         _store.reuseCandidates(record.id, digests, numbers, fields, MaxReuseCandidates))
    {
        for (std::size_t i = 0; i < documents.size(); ++i)
        {
            const DocumentRecord& mine = documents[i];
            if (!mine.sha256.empty() && mine.sha256 == candidate.sha256)
                add(i, candidate.reference, ReuseKind::Image);
            if (!mine.numberHash.empty() && mine.numberHash == candidate.fingerprints.numberHash)
                add(i, candidate.reference, ReuseKind::DocumentNumber);
            // The same reading alone is not enough (two scans of one template and day can read alike):
            // the page must look the same too.
            if (!mine.fieldsHash.empty() && mine.fieldsHash == candidate.fingerprints.fieldsHash)
            {
                const std::optional<int> distance =
                    perceptualHashDistance(mine.perceptualHash, candidate.fingerprints.perceptualHash);
                if (distance && *distance <= maxDistance)
                    add(i, candidate.reference, ReuseKind::Image);
            }
        }
    }
    return hits;
}

void CheckService::documentRead(const DocumentRecord& document, std::string_view bytes, const Extraction* extraction)
{
    DocumentFingerprints fingerprints;
    try
    {
        fingerprints.perceptualHash = _fingerprint.ofDocument(bytes);
    }
    catch (const Error& e)
    {
        // A page the reader could not decode has no image to compare; the checks say the hash is unknown.
        if (e.code() == ErrorCode::Unavailable)
            throw;
    }
    if (extraction != nullptr)
    {
        const std::string number = normalizedDocumentNumber(fieldValue(*extraction, "document_number"));
        if (isId(extraction->documentType) && !number.empty())
            fingerprints.numberHash = _vault.keyedHash("document_number", number);
        const std::string key = fieldsKey(*extraction);
        if (!key.empty())
            fingerprints.fieldsHash = _vault.keyedHash("document_fields", key);
    }
    // Keyed by the server secret, not the case key, so that other cases can search them.
    _store.setDocumentFingerprints(document.id, fingerprints);

    std::optional<CaseRecord> record = _store.findById(document.caseId);
    if (!record || record->wrappedKey.empty())
        return;
    std::vector<DocumentRecord> documents = _store.documents(record->id);
    std::vector<std::string> labels;
    CheckInput input = inputFor(*record, documents, labels);
    std::set<std::string> others;
    for (const ReuseHit& hit : *input.reuse)
        others.insert(hit.otherCase);
    const CheckReport result = runChecks(_engine.definition(), _tables, input);
    if (result.failed() != record->failingChecks)
        _store.setFailingChecks(record->id, result.failed());
    // The other side of a reuse sees it too, without waiting for its own next reading.
    for (const std::string& reference : others)
        if (std::optional<CaseRecord> other = _store.findByReference(reference))
            refresh(other->id);
}

std::vector<std::string> CheckService::requestItems(const CaseRecord& record, const CheckReport& report)
{
    std::vector<std::string> items = report.evidence.missing;
    const std::vector<DocumentRecord> documents = _store.documents(record.id);
    const std::vector<std::string> labels = labelsOf(documents);
    const auto yours = [&](const std::optional<std::string>& label) {
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (label && labels[i] == *label)
            {
                std::string kind = documents[i].readType.empty() || documents[i].readType == "unknown"
                                       ? documents[i].kind
                                       : documents[i].readType;
                return "your " + kindWords(kind) + " (" + documents[i].displayName + ")";
            }
        return std::string("one of your documents");
    };
    const int margin = _engine.definition().checks().idExpiryMarginDays;
    std::set<std::string> said;
    for (const CheckOutcome& check : report.checks)
    {
        if (check.result != CheckResult::Fail)
            continue;
        const std::string on = yours(check.document);
        std::string item;
        if (check.id == CheckIds::NameMatch)
            item = "The name on " + on + " does not match the name you registered.";
        else if (check.id == CheckIds::AddressMatch)
        {
            // Which part differs, in words; never the values themselves.
            std::string part = "address";
            if (check.reason.find("ZIP") != std::string::npos)
                part = "ZIP code";
            else if (check.reason.find("street") != std::string::npos)
                part = "street address";
            else if (check.reason.find("state") != std::string::npos)
                part = "state";
            else if (check.reason.find("city") != std::string::npos)
                part = "city";
            else if (check.reason.find("unit") != std::string::npos)
                part = "apartment or unit number";
            item = "The " + part + " on " + on + " does not match the address you registered.";
        }
        else if (check.id == CheckIds::DobMatch)
            item = "The date of birth on " + on + " does not match the one you registered.";
        else if (check.id == CheckIds::IdUnexpired)
            item = "The expiration date on " + on + " has passed or falls within " + std::to_string(margin) +
                   " days: please send a current ID.";
        else if (check.id == CheckIds::StatementRecent)
            item = "The statement date on " + on + " is too old: please send a recent statement or bill.";
        else if (check.id == CheckIds::IssuersDistinct)
            item = "Your two statements or bills come from the same company: please send one from another bank, "
                   "employer or utility.";
        else if (check.id == CheckIds::DocumentsDistinct)
            item = "Two of the documents you sent are the same document: please send a different one.";
        else if (check.id == CheckIds::SsnLast4)
            item = "The last four digits of the Social Security number you sent do not match your registration.";
        else if (check.id == CheckIds::BarcodeFrontAgree)
            item = "The front and the back of " + on + " could not be matched: please send clear copies of both sides.";
        else if (check.id == CheckIds::MrzVisualAgree)
            item = "The photo page of " + on + " could not be read consistently: please send a clearer copy.";
        else if (check.id == CheckIds::Reuse)
            item = "We could not verify " + on + ": please send another document of the same kind.";
        else
            item = "Please check " + on + " and send a clearer copy.";
        if (said.insert(item).second)
            items.push_back(item);
    }
    return items;
}

} // namespace proofdesk
