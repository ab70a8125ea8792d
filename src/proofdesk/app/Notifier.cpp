#include "proofdesk/app/Notifier.h"

#include "proofdesk/domain/EmailMessage.h"

namespace proofdesk
{

Notifier::Notifier(TemplateRenderer& renderer, Vault& vault, RandomSource& random, Clock& clock,
                   const AppSettings& settings)
    : _renderer(renderer), _vault(vault), _random(random), _clock(clock), _settings(settings)
{
}

TemplateData Notifier::standardData(const CaseRecord& record, const Profile& profile) const
{
    TemplateData data;
    const HelpDeskInfo& desk = _settings.helpDesk;
    data.values["REFERENCE"] = record.reference;
    data.values["USER_ID"] = record.userId;
    data.values["FIRST_NAME"] = profile.firstName;
    data.values["LAST_NAME"] = profile.lastName;
    data.values["HELPDESK_NAME"] = desk.name;
    data.values["HELPDESK_EMAIL"] = desk.email;
    data.values["HELPDESK_PHONE"] = desk.phone;
    data.values["HELPDESK_FAX"] = desk.fax;
    data.values["HELPDESK_POSTAL"] = desk.postalAddress;
    data.values["HELPDESK_HOURS"] = desk.hours;
    data.values["BASE_URL"] = _settings.baseUrl;
    data.values["SIGNIN_URL"] = _settings.baseUrl + "/";
    for (const ContactRow& row : desk.contacts)
        data.add("CONTACTS").set("TOPIC", row.topic).set("HOW", row.how);
    return data;
}

OutboxRecord Notifier::compose(const std::string& kind, const CaseRecord& record, const Profile& profile,
                               TemplateData data)
{
    TemplateData all = standardData(record, profile);
    for (auto& [key, value] : data.values)
        all.values[key] = std::move(value);
    for (auto& [key, list] : data.lists)
        all.lists[key] = std::move(list);
    RenderedEmail rendered = _renderer.renderEmail(kind, all);

    EmailMessage message;
    message.messageId = _random.token(18) + "@" + _settings.mailDomain;
    message.from = _settings.mailFrom;
    message.fromName = _settings.helpDesk.name;
    message.to = profile.email;
    message.toName = profile.firstName + " " + profile.lastName;
    message.subject = rendered.subject;
    message.text = rendered.text;
    message.html = rendered.html;

    OutboxRecord row;
    row.caseId = record.id;
    row.messageId = message.messageId;
    row.kind = kind;
    row.sealedMessage = _vault.seal(record.wrappedKey, encodeEmail(message));
    row.createdAt = _clock.now();
    row.nextAttemptAt = row.createdAt;
    return row;
}

} // namespace proofdesk
