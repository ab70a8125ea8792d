#include "proofdesk/app/MailIntakeService.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/CaseReference.h"
#include "proofdesk/domain/EmailMessage.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/MailClassifier.h"
#include "proofdesk/domain/Sha256.h"

#include <algorithm>
#include <set>

namespace proofdesk
{

namespace
{

const Actor mailActor{"mail", "system"};

bool startsWithIgnoringCase(const std::string& text, std::size_t at, const std::string& prefix)
{
    if (text.size() - at < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
    {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i])
            return false;
    }
    return true;
}

// The Message-ID of a raw message, read cheaply from its header section (unfolded, without angle brackets),
// or "" when it has none. Only for recognising arrivals; the parser reads everything else.
std::string rawMessageId(const std::string& raw)
{
    std::size_t end = raw.find("\n\n");
    std::size_t crlfEnd = raw.find("\r\n\r\n");
    end = std::min(end, crlfEnd);
    if (end == std::string::npos)
        end = raw.size();
    std::size_t line = 0;
    while (line < end)
    {
        if (startsWithIgnoringCase(raw, line, "message-id:"))
        {
            std::string value;
            std::size_t i = line + 11;
            // The value, and its folded continuation lines.
            while (i < end)
            {
                if (raw[i] == '\r' || raw[i] == '\n')
                {
                    std::size_t next = raw[i] == '\r' && i + 1 < end && raw[i + 1] == '\n' ? i + 2 : i + 1;
                    if (next < end && (raw[next] == ' ' || raw[next] == '\t'))
                    {
                        i = next;
                        continue;
                    }
                    break;
                }
                value += raw[i++];
            }
            std::size_t open = value.find('<');
            std::size_t close = value.find('>', open == std::string::npos ? 0 : open);
            if (open != std::string::npos && close != std::string::npos)
                value = value.substr(open + 1, close - open - 1);
            std::string clean;
            for (char c : value)
            {
                if (static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f)
                    clean += c;
            }
            return clean.substr(0, 250);
        }
        std::size_t next = raw.find('\n', line);
        if (next == std::string::npos)
            break;
        line = next + 1;
    }
    return {};
}

std::string countsOf(const IntakeOutcome& outcome)
{
    int stored = 0, duplicate = 0, refused = 0;
    for (const FileOutcome& f : outcome.files)
    {
        stored += f.stored ? 1 : 0;
        duplicate += f.duplicate ? 1 : 0;
        refused += !f.stored && !f.duplicate ? 1 : 0;
    }
    return std::to_string(stored) + " stored, " + std::to_string(duplicate) + " already on the case, " +
           std::to_string(refused) + " refused";
}

} // namespace

bool looksLikeMessage(const std::string& raw)
{
    // A header field first: a name of printable ASCII without ':' or blanks, then ':'.
    std::size_t i = 0;
    while (i < raw.size() && i <= 100)
    {
        auto c = static_cast<unsigned char>(raw[i]);
        if (c == ':')
            return i > 0;
        if (c <= 0x20 || c >= 0x7f)
            return false;
        ++i;
    }
    return false;
}

const std::vector<std::pair<std::string, std::string>>& discardReasons()
{
    static const std::vector<std::pair<std::string, std::string>> reasons = {
        {"spam", "Spam or advertising"},
        {"not_for_us", "Not about manual identity proofing"},
        {"duplicate", "A copy of a message already handled"},
        {"unreadable", "Nothing in it can be read or used"},
        {"other", "Another reason, explained in the note"},
    };
    return reasons;
}

std::string authenticationSummary(const AuthenticationVerdicts& verdicts)
{
    std::string out;
    for (const auto& [method, result] :
         {std::pair<const char*, const std::string&>{"spf", verdicts.spf}, {"dkim", verdicts.dkim},
          {"dmarc", verdicts.dmarc}})
    {
        if (!result.empty())
            out += (out.empty() ? "" : " ") + std::string(method) + "=" + result;
    }
    return out;
}

MailIntakeService::MailIntakeService(MailStore& mail, CaseStore& store, CaseService& cases, IntakeService& intake,
                                     Notifier& notifier, MailParser& parser, DocumentReader& reader, Vault& vault,
                                     Clock& clock, const AppSettings& app, const MailIntakeSettings& settings)
    : _mail(mail), _store(store), _cases(cases), _intake(intake), _notifier(notifier), _parser(parser),
      _reader(reader), _vault(vault), _clock(clock), _app(app), _settings(settings)
{
}

TakeOutcome MailIntakeService::take(const std::string& raw, const std::string& channel)
{
    if (raw.size() > _settings.maxMessageBytes)
        throw Error(ErrorCode::TooLarge, "the message is " + std::to_string(raw.size() / (1024 * 1024)) +
                                             " MB; the limit is " +
                                             std::to_string(_settings.maxMessageBytes / (1024 * 1024)) + " MB");
    if (!looksLikeMessage(raw))
        return TakeOutcome::NotAMessage;
    NewInbound message;
    message.receivedAt = _clock.now();
    message.channel = channel;
    message.messageId = rawMessageId(raw);
    message.contentHash = sha256Hex(raw);
    // No case is known yet: the message gets a key of its own until it is matched.
    message.wrappedKey = _vault.newWrappedKey();
    message.sealedRaw = _vault.seal(message.wrappedKey, raw);
    return _mail.insert(message) ? TakeOutcome::Taken : TakeOutcome::AlreadyTaken;
}

int MailIntakeService::processPending(int limit)
{
    Instant now = _clock.now();
    _mail.triageAbandoned(now - _settings.processingTimeout, _settings.maxAttempts, now);
    int done = 0;
    for (int n = 0; n < limit; ++n)
    {
        now = _clock.now();
        std::optional<InboundRecord> record =
            _mail.claimNext(now, now - _settings.processingTimeout, _settings.maxAttempts);
        if (!record)
            break;
        try
        {
            if (processOne(*record))
                ++done;
        }
        catch (const Error& e)
        {
            if (e.code() == ErrorCode::Unavailable)
            {
                // Storage failed: leave the claim to time out (the database may not take the release either).
                throw;
            }
            _mail.releaseAfterFailure(record->id, e.what(), record->attempts >= _settings.maxAttempts, now);
        }
        catch (const std::exception& e)
        {
            _mail.releaseAfterFailure(record->id, std::string("internal error: ") + e.what(),
                                      record->attempts >= _settings.maxAttempts, now);
        }
    }
    return done;
}

bool MailIntakeService::processOne(const InboundRecord& record)
{
    std::string raw = _vault.open(record.key(), record.sealedRaw);
    InboundUpdate update;
    update.id = record.id;
    update.fromStates = {"stored"};
    update.at = _clock.now();
    update.note = record.note;
    bool replied = false;
    InboundMail mail;
    try
    {
        mail = _parser.parse(raw);
    }
    catch (const Error& e)
    {
        if (e.code() != ErrorCode::InvalidInput)
            throw;
        update.state = "triage";
        update.note = std::string("not readable as a message: ") + e.what();
        return _mail.update(update, replied);
    }
    AuthenticationVerdicts verdicts = parseAuthenticationResults(mail.authenticationResults,
                                                                 _settings.trustedAuthservIds);
    update.authSummary = authenticationSummary(verdicts);
    update.attachmentCount = static_cast<int>(mail.attachments.size());
    std::string summary = summaryOf(mail, verdicts);
    auto noteAlso = [&](const std::string& text) {
        update.note = update.note.empty() ? text : text + "; " + update.note;
    };

    bool gateway = isFaxGateway(mail.fromAddress);
    std::optional<std::string> automatic = automaticMailReason(mail, _settings.ownAddresses);
    // Fax gateways often mark their mail as automatic; theirs is still evidence (but is never answered).
    if (automatic && !gateway)
    {
        update.state = "automatic";
        noteAlso("automatic mail: " + *automatic);
        update.sealedSummary = _vault.seal(record.key(), summary);
        update.sealedBody = _vault.seal(record.key(), body(mail));
        return _mail.update(update, replied);
    }

    std::string why;
    std::optional<Match> match = findCase(mail, gateway, why);
    if (match && isClosed(match->record))
    {
        why = "case " + match->record.reference + " is closed (" + match->record.state + ")";
        match.reset();
    }
    if (!match)
    {
        update.state = "triage";
        noteAlso(why);
        update.sealedSummary = _vault.seal(record.key(), summary);
        update.sealedBody = _vault.seal(record.key(), body(mail));
        return _mail.update(update, replied);
    }

    const CaseRecord& target = match->record;
    Delivery delivery = deliver(target, mail, gateway ? "fax" : "email", mailActor);
    update.state = "processed";
    update.caseId = target.id;
    update.keyToCase = true;
    update.sealedRaw = _vault.seal(target.wrappedKey, raw);
    update.sealedSummary = _vault.seal(target.wrappedKey, summary);
    update.sealedBody = _vault.seal(target.wrappedKey, body(mail));
    std::string counts = countsOf(delivery.intake);
    noteAlso("matched by " + match->how + "; " + counts);
    for (const std::string& problem : delivery.problems)
        noteAlso(problem);
    if (delivery.usable == 0 && !automatic && !gateway)
        update.reply = plannedReply(target, mail, update.at);
    update.audit.push_back(AuditEntry{update.at, mailActor.id, "mail.received", target.id, std::nullopt,
                                      "message " + std::to_string(record.id) + " by " + record.channel +
                                          ", matched by " + match->how + "; " + counts});
    return _mail.update(update, replied);
}

std::optional<MailIntakeService::Match> MailIntakeService::findCase(const InboundMail& mail, bool faxGateway,
                                                                    std::string& note)
{
    note = "no case reference, and the sender is not a registered applicant";
    std::vector<std::string> references = findCaseReferences(mail.subject);
    for (const std::string& reference : findCaseReferences(mail.bodyText))
    {
        if (std::find(references.begin(), references.end(), reference) == references.end())
            references.push_back(reference);
    }
    for (const std::string& reference : references)
    {
        if (std::optional<CaseRecord> record = _store.findByReference(reference))
            return Match{*record, "reference"};
    }
    if (!references.empty())
        note = "the reference " + references.front() + " names no case";

    if (!faxGateway && !mail.fromAddress.empty())
    {
        // Registration keeps the local part as typed; senders' programs sometimes lower-case it.
        std::set<std::string> hashes = {_vault.keyedHash("email", mail.fromAddress),
                                        _vault.keyedHash("email", lowerAscii(mail.fromAddress))};
        std::set<std::int64_t> open;
        for (const std::string& hash : hashes)
        {
            for (const auto& [id, state] : _mail.casesWithEmailHash(hash))
            {
                if (!_cases.engine().definition().isFinal(state))
                    open.insert(id);
            }
        }
        if (open.size() == 1)
        {
            if (std::optional<CaseRecord> record = _store.findById(*open.begin()))
                return Match{*record, "sender"};
        }
        if (open.size() > 1)
            note = "the sender has " + std::to_string(open.size()) + " open cases and quoted no reference";
    }

    if (faxGateway)
    {
        note = "fax without a readable case reference on its cover page";
        for (const MailAttachment& attachment : mail.attachments)
        {
            if (attachment.bytes.empty())
                continue;
            try
            {
                Extraction cover = _reader.read(attachment.bytes);
                for (const std::string& reference : cover.caseReferences)
                {
                    if (std::optional<CaseRecord> record = _store.findByReference(reference))
                        return Match{*record, "fax cover page"};
                }
            }
            catch (const Error& e)
            {
                if (e.code() == ErrorCode::Unavailable)
                    throw;
                note = "the fax's cover page could not be read";
            }
            break;  // the cover page is the first page of the first file
        }
    }
    return std::nullopt;
}

MailIntakeService::Delivery MailIntakeService::deliver(const CaseRecord& record, const InboundMail& mail,
                                                       const std::string& channel, const Actor& actor)
{
    std::vector<IncomingFile> files;
    for (const MailAttachment& attachment : mail.attachments)
    {
        if (attachment.bytes.empty())
            continue;
        if (attachment.inlinePart && attachment.bytes.size() < _settings.minInlineImageBytes)
            continue;
        // Read now to know what it is: the receipt then lists what is really still missing, and the
        // extraction worker finds the reading done (the server's reader keeps recent readings).
        std::string kind = "unknown";
        try
        {
            kind = _reader.read(attachment.bytes).documentType;
        }
        catch (const Error& e)
        {
            // Unreadable here is unreadable later too: the intake refuses it or the worker records why.
            if (e.code() == ErrorCode::Unavailable)
                throw;
        }
        files.push_back(IncomingFile{attachment.filename.empty() ? "attachment" : attachment.filename, kind,
                                     attachment.bytes});
    }
    Delivery delivery;
    std::size_t batch = std::max<std::size_t>(1, _app.maxFilesPerUpload);
    for (std::size_t start = 0; start < files.size(); start += batch)
    {
        std::vector<IncomingFile> some(files.begin() + static_cast<std::ptrdiff_t>(start),
                                       files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), start + batch)));
        try
        {
            IntakeOutcome outcome = _intake.takeIn(record, std::move(some), channel, actor);
            for (FileOutcome& file : outcome.files)
                delivery.intake.files.push_back(std::move(file));
            if (outcome.workflow.changed || !outcome.workflow.from.empty())
                delivery.intake.workflow = outcome.workflow;
        }
        catch (const Error& e)
        {
            if (e.code() == ErrorCode::Unavailable || e.code() == ErrorCode::Internal)
                throw;
            delivery.problems.push_back(e.what());
        }
    }
    for (const FileOutcome& file : delivery.intake.files)
        delivery.usable += file.stored || file.duplicate ? 1 : 0;
    return delivery;
}

std::optional<PlannedReply> MailIntakeService::plannedReply(const CaseRecord& record, const InboundMail& mail,
                                                            Instant now)
{
    if (mail.fromAddress.empty())
        return std::nullopt;
    PlannedReply reply;
    reply.kind = "no_attachment";
    reply.senderHash = _vault.keyedHash("mail_sender", lowerAscii(mail.fromAddress));
    reply.notSince = now - _settings.noAttachmentReplyEvery;
    Instant dayAgo = now - std::chrono::hours(24);
    if (_mail.repliesSince(std::nullopt, reply.senderHash, "", dayAgo) >= _settings.repliesPerSenderPerDay ||
        _mail.repliesSince(record.id, "", "", dayAgo) >= _settings.repliesPerCasePerDay ||
        _mail.repliesSince(record.id, "", reply.kind, reply.notSince) > 0)
        return std::nullopt;
    // Addressed to the registration email (never to whoever quoted the reference), as a reply to the
    // message and marked automatic (RFC 3834), so that well-behaved programs do not answer it.
    TemplateData data;
    data.set("UPLOAD_PATH", "/upload/" + _cases.uploadToken(record));
    for (const std::string& missing : _cases.evidenceStatus(record).missing)
        data.add("MISSING").set("ITEM", missing);
    OutboxRecord row = _notifier.compose(reply.kind, record, _cases.profile(record), std::move(data));
    EmailMessage message = decodeEmail(_vault.open(record.wrappedKey, row.sealedMessage));
    message.inReplyTo = mail.messageId;
    message.autoReply = true;
    row.sealedMessage = _vault.seal(record.wrappedKey, encodeEmail(message));
    reply.outbox = std::move(row);
    return reply;
}

std::string MailIntakeService::summaryOf(const InboundMail& mail, const AuthenticationVerdicts& verdicts) const
{
    std::vector<std::pair<std::string, std::string>> fields = {
        {"from", mail.fromAddress}, {"from_name", mail.fromName}, {"subject", mail.subject},
        {"date", mail.date},        {"spf", verdicts.spf},        {"dkim", verdicts.dkim},
        {"dmarc", verdicts.dmarc},  {"authserv", verdicts.authservId}};
    for (const std::string& detail : verdicts.details)
        fields.emplace_back("auth_detail", detail);
    for (const MailAttachment& a : mail.attachments)
        fields.emplace_back("attachment", encodeFields({{"name", displayFilename(a.filename.empty() ? "attachment" : a.filename)},
                                                        {"type", a.contentType},
                                                        {"size", std::to_string(a.bytes.size())},
                                                        {"origin", a.origin}}));
    for (const std::string& note : mail.notes)
        fields.emplace_back("parser_note", note);
    return encodeFields(fields);
}

std::string MailIntakeService::body(const InboundMail& mail) const
{
    if (mail.bodyText.size() <= _settings.maxBodyBytes)
        return mail.bodyText;
    std::size_t cut = _settings.maxBodyBytes;
    while (cut > 0 && (static_cast<unsigned char>(mail.bodyText[cut]) & 0xC0) == 0x80)
        --cut;
    return mail.bodyText.substr(0, cut) + "\n[... the rest of the text was not kept]";
}

InboundView MailIntakeService::open(const InboundRecord& record)
{
    InboundView view;
    view.id = record.id;
    view.receivedAt = record.receivedAt;
    view.channel = record.channel;
    view.state = record.state;
    view.caseReference = record.caseReference;
    view.note = record.note;
    if (record.key().empty())
    {
        view.note = "the content was purged with its case";
        return view;
    }
    if (!record.sealedSummary.empty())
    {
        for (const auto& [name, value] : decodeFields(_vault.open(record.key(), record.sealedSummary)))
        {
            if (name == "from")
                view.fromAddress = value;
            else if (name == "from_name")
                view.fromName = value;
            else if (name == "subject")
                view.subject = value;
            else if (name == "date")
                view.date = value;
            else if (name == "spf")
                view.verdicts.spf = value;
            else if (name == "dkim")
                view.verdicts.dkim = value;
            else if (name == "dmarc")
                view.verdicts.dmarc = value;
            else if (name == "authserv")
                view.verdicts.authservId = value;
            else if (name == "auth_detail")
                view.verdicts.details.push_back(value);
            else if (name == "parser_note")
                view.parserNotes.push_back(value);
            else if (name == "attachment")
            {
                InboundAttachmentInfo info;
                for (const auto& [key, part] : decodeFields(value))
                {
                    if (key == "name")
                        info.filename = part;
                    else if (key == "type")
                        info.contentType = part;
                    else if (key == "size")
                        info.size = static_cast<std::size_t>(std::stoull(part));
                    else if (key == "origin")
                        info.origin = part;
                }
                view.attachments.push_back(std::move(info));
            }
        }
    }
    if (!record.sealedBody.empty())
        view.bodyText = _vault.open(record.key(), record.sealedBody);
    return view;
}

std::vector<InboundView> MailIntakeService::triage(int limit, int offset)
{
    std::vector<InboundView> out;
    for (const InboundRecord& record : _mail.inState("triage", limit, offset))
        out.push_back(open(record));
    return out;
}

int MailIntakeService::triageCount()
{
    return _mail.countInState("triage");
}

int MailIntakeService::countInState(const std::string& state)
{
    return _mail.countInState(state);
}

InboundView MailIntakeService::message(const Actor& who, std::int64_t id)
{
    std::optional<InboundRecord> record = _mail.find(id);
    if (!record)
        throw Error(ErrorCode::NotFound, "no such message");
    _store.audit(AuditEntry{_clock.now(), who.id, "mail.viewed", record->caseId, std::nullopt,
                            "message " + std::to_string(id)});
    return open(*record);
}

IntakeOutcome MailIntakeService::attachToCase(const Actor& who, std::int64_t id, const std::string& reference)
{
    std::optional<InboundRecord> record = _mail.find(id);
    if (!record)
        throw Error(ErrorCode::NotFound, "no such message");
    if (record->state != "triage" && record->state != "automatic")
        throw Error(ErrorCode::Conflict, "this message is no longer waiting in triage");
    std::optional<std::string> canonical = normalizeCaseReference(reference);
    if (!canonical)
        throw Error(ErrorCode::InvalidInput, "Enter a case reference such as PD-7K3M-Q9XD.");
    std::optional<CaseRecord> target = _store.findByReference(*canonical);
    if (!target)
        throw Error(ErrorCode::NotFound, "There is no case " + *canonical + ".");
    if (isClosed(*target))
        throw Error(ErrorCode::Conflict, "Case " + target->reference + " is closed; its documents cannot change.");
    std::string raw = _vault.open(record->key(), record->sealedRaw);
    InboundMail mail;
    try
    {
        mail = _parser.parse(raw);
    }
    catch (const Error& e)
    {
        if (e.code() != ErrorCode::InvalidInput)
            throw;
        throw Error(ErrorCode::Conflict, "This message cannot be read, so nothing can be attached; discard it.");
    }
    AuthenticationVerdicts verdicts = parseAuthenticationResults(mail.authenticationResults,
                                                                 _settings.trustedAuthservIds);
    Delivery delivery = deliver(*target, mail, isFaxGateway(mail.fromAddress) ? "fax" : "email", who);
    InboundUpdate update;
    update.id = id;
    update.fromStates = {record->state};
    update.state = "processed";
    update.at = _clock.now();
    update.caseId = target->id;
    update.keyToCase = true;
    update.sealedRaw = _vault.seal(target->wrappedKey, raw);
    update.sealedSummary = _vault.seal(target->wrappedKey, summaryOf(mail, verdicts));
    update.sealedBody = _vault.seal(target->wrappedKey, body(mail));
    update.authSummary = authenticationSummary(verdicts);
    update.attachmentCount = static_cast<int>(mail.attachments.size());
    std::string counts = countsOf(delivery.intake);
    update.note = "attached from triage by " + who.id + "; " + counts;
    update.audit.push_back(AuditEntry{update.at, who.id, "mail.attached", target->id, std::nullopt,
                                      "message " + std::to_string(id) + " from triage; " + counts});
    bool replied = false;
    if (!_mail.update(update, replied))
        throw Error(ErrorCode::Conflict, "Someone else handled this message meanwhile.");
    return delivery.intake;
}

void MailIntakeService::discard(const Actor& who, std::int64_t id, const std::string& reasonCode,
                                const std::string& note)
{
    bool known = false;
    for (const auto& [code, label] : discardReasons())
        known = known || code == reasonCode;
    if (!known)
        throw Error(ErrorCode::InvalidInput, "Choose a reason for discarding the message.");
    bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
    if (reasonCode == "other" && blank)
        throw Error(ErrorCode::InvalidInput, "Explain in the note why the message is discarded.");
    if (note.size() > 2000)
        throw Error(ErrorCode::InvalidInput, "The note must be at most 2000 characters.");
    std::optional<InboundRecord> record = _mail.find(id);
    if (!record)
        throw Error(ErrorCode::NotFound, "no such message");
    if (record->state != "triage" && record->state != "automatic")
        throw Error(ErrorCode::Conflict, "this message is no longer waiting in triage");
    InboundUpdate update;
    update.id = id;
    update.fromStates = {record->state};
    update.state = "discarded";
    update.at = _clock.now();
    update.caseId = record->caseId;
    update.sealedSummary = record->sealedSummary;
    update.sealedBody = record->sealedBody;
    update.authSummary = record->authSummary;
    update.attachmentCount = record->attachmentCount;
    update.note = "discarded by " + who.id + ": " + reasonCode;
    if (!blank && !record->key().empty())
        update.sealedDiscardNote = _vault.seal(record->key(), note);
    update.audit.push_back(AuditEntry{update.at, who.id, "mail.discarded", record->caseId, std::nullopt,
                                      "message " + std::to_string(id) + ": " + reasonCode});
    bool replied = false;
    if (!_mail.update(update, replied))
        throw Error(ErrorCode::Conflict, "Someone else handled this message meanwhile.");
}

std::vector<InboundView> MailIntakeService::messagesForCase(const CaseRecord& record)
{
    std::vector<InboundView> out;
    for (const InboundRecord& message : _mail.forCase(record.id))
        out.push_back(open(message));
    return out;
}

bool MailIntakeService::isFaxGateway(const std::string& address) const
{
    std::string lower = lowerAscii(address);
    return !lower.empty() &&
           std::find(_settings.faxGateways.begin(), _settings.faxGateways.end(), lower) != _settings.faxGateways.end();
}

bool MailIntakeService::isClosed(const CaseRecord& record) const
{
    return _cases.engine().definition().isFinal(record.state);
}

} // namespace proofdesk
