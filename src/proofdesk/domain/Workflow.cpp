#include "proofdesk/domain/Workflow.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <utility>

namespace proofdesk
{

namespace
{

constexpr std::int64_t MaxEvidenceCount = 100;
constexpr std::int64_t MaxDays = 3650;     // ten years
constexpr std::int64_t MaxHours = 87600;   // ten years
constexpr std::int64_t MaxSlaHours = 8760; // one year
constexpr std::int64_t SecondsPerHour = 3600;
constexpr std::int64_t SecondsPerDay = 86400;
constexpr std::size_t MaxQuotedLength = 60;
constexpr std::int64_t MaxExpiryMarginDays = 365;
constexpr std::int64_t MaxImageDistance = 32; // of 64 bits: beyond half, two images are unrelated

const std::vector<std::string>& strengthNames()
{
    static const std::vector<std::string> names{"WEAK", "FAIR", "STRONG", "SUPERIOR"};
    return names;
}

bool isLowerOrDigit(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// State ids, events, timer and evidence ids: [a-z][a-z0-9_]*, so they are safe in URLs, CSS and logs.
bool isIdentifier(std::string_view s)
{
    if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z'))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isLowerOrDigit(c) || c == '_'; });
}

// Template names become file names under templates/, so they are restricted to [a-z0-9_]+.
bool isTemplateName(std::string_view s)
{
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return isLowerOrDigit(c) || c == '_'; });
}

bool isWorkflowName(std::string_view s)
{
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return isLowerOrDigit(c) || c == '_' || c == '-'; });
}

// A value from the file, quoted for a message: escaped, so a stray control character cannot garble a log
// line, and shortened.
std::string quoted(std::string_view s)
{
    std::string out = "\"";
    std::size_t count = 0;
    for (const char c : s)
    {
        if (++count > MaxQuotedLength)
        {
            out += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += c;
        }
        else if (u < 0x20 || u == 0x7F)
        {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(u));
            out += buffer;
        }
        else
        {
            out += c;
        }
    }
    return out + "\"";
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
    {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
        {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean "approved"?)" when one candidate is close to what was written, else "".
std::string suggestion(std::string_view written, const std::vector<std::string>& candidates)
{
    const std::string* best = nullptr;
    std::size_t bestDistance = 3; // more than two edits away is not a typo worth guessing
    for (const std::string& candidate : candidates)
    {
        const std::size_t distance = editDistance(written, candidate);
        if (distance < bestDistance)
        {
            best = &candidate;
            bestDistance = distance;
        }
    }
    return best ? " (did you mean " + quoted(*best) + "?)" : "";
}

std::string listOf(const std::vector<std::string>& words)
{
    std::string out;
    for (const std::string& word : words)
        out += (out.empty() ? "" : ", ") + word;
    return out;
}

bool contains(const std::vector<std::string>& words, std::string_view word)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

std::string memberPath(const std::string& parent, std::string_view key)
{
    if (!isIdentifier(key))
        return parent + "[" + quoted(key) + "]";
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string indexPath(const std::string& parent, std::size_t index)
{
    return parent + "[" + std::to_string(index) + "]";
}

// Reads values out of the parsed JSON, refusing anything unexpected with the file, line and JSON path.
class Checker
{
public:
    explicit Checker(const std::string& source) : _source(source) {}

    [[noreturn]] void fail(int line, const std::string& path, const std::string& problem) const
    {
        std::string message = _source + ":" + std::to_string(line) + ": ";
        if (!path.empty())
            message += path + ": ";
        throw Error(ErrorCode::Configuration, message + problem);
    }

    void expectType(const Json& value, Json::Type type, const std::string& path) const
    {
        if (value.type() != type)
            fail(value.line(), path,
                 std::string("expected ") + article(type) + Json::typeName(type) + ", found " +
                     Json::typeName(value.type()));
    }

    void checkKeys(const Json& object, const std::string& path,
                   std::initializer_list<const char*> allowed) const
    {
        expectType(object, Json::Type::Object, path);
        const std::vector<std::string> keys(allowed.begin(), allowed.end());
        for (const JsonMember& member : object.members())
            if (!contains(keys, member.key))
                fail(member.line, memberPath(path, member.key),
                     "unknown key" + suggestion(member.key, keys) + " (allowed: " + listOf(keys) + ")");
    }

    const Json& required(const Json& object, const std::string& path, const char* key) const
    {
        const Json* value = object.find(key);
        if (!value)
            fail(object.line(), path, std::string("missing required key \"") + key + "\"");
        return *value;
    }

    std::string text(const Json& value, const std::string& path) const
    {
        expectType(value, Json::Type::String, path);
        if (value.asString().find_first_not_of(" \t\r\n") == std::string::npos)
            fail(value.line(), path, "must not be empty");
        return value.asString();
    }

    std::string identifier(const Json& value, const std::string& path, const std::string& what) const
    {
        expectType(value, Json::Type::String, path);
        if (!isIdentifier(value.asString()))
            fail(value.line(), path,
                 "invalid " + what + " " + quoted(value.asString()) +
                     ": use lower-case letters, digits and '_', starting with a letter");
        return value.asString();
    }

    std::string templateName(const Json& value, const std::string& path) const
    {
        expectType(value, Json::Type::String, path);
        if (!isTemplateName(value.asString()))
            fail(value.line(), path,
                 "invalid notification name " + quoted(value.asString()) +
                     ": use lower-case letters, digits and '_'");
        return value.asString();
    }

    std::string oneOf(const Json& value, const std::string& path, const std::string& what,
                      const std::vector<std::string>& vocabulary) const
    {
        expectType(value, Json::Type::String, path);
        if (!contains(vocabulary, value.asString()))
            fail(value.line(), path,
                 "unknown " + what + " " + quoted(value.asString()) +
                     suggestion(value.asString(), vocabulary) + " (known: " + listOf(vocabulary) + ")");
        return value.asString();
    }

    std::int64_t integer(const Json& value, const std::string& path, std::int64_t min, std::int64_t max) const
    {
        expectType(value, Json::Type::Number, path);
        const std::optional<std::int64_t> number = value.asInteger();
        if (!number || *number < min || *number > max)
        {
            char found[64];
            std::snprintf(found, sizeof found, "%g", value.asNumber());
            fail(value.line(), path,
                 "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", found " + found);
        }
        return *number;
    }

    bool boolean(const Json& value, const std::string& path) const
    {
        expectType(value, Json::Type::Boolean, path);
        return value.asBoolean();
    }

    // A list of words from a vocabulary, each at most once.
    std::vector<std::string> wordList(const Json& value, const std::string& path, const std::string& what,
                                      const std::vector<std::string>& vocabulary, bool allowEmpty) const
    {
        expectType(value, Json::Type::Array, path);
        if (!allowEmpty && value.items().empty())
            fail(value.line(), path, "must list at least one " + what);
        std::vector<std::string> words;
        for (std::size_t i = 0; i < value.items().size(); ++i)
        {
            const Json& item = value.items()[i];
            std::string word = oneOf(item, indexPath(path, i), what, vocabulary);
            if (contains(words, word))
                fail(item.line(), indexPath(path, i), what + " " + quoted(word) + " listed twice");
            words.push_back(std::move(word));
        }
        return words;
    }

private:
    static const char* article(Json::Type type)
    {
        return type == Json::Type::Array || type == Json::Type::Object ? "an " : "a ";
    }

    const std::string& _source;
};

std::chrono::seconds duration(const Checker& checker, const Json& object, const std::string& path)
{
    const Json* days = object.find("after_days");
    const Json* hours = object.find("after_hours");
    if (days && hours)
        checker.fail(object.line(), path, "give either \"after_days\" or \"after_hours\", not both");
    if (days)
        return std::chrono::seconds(checker.integer(*days, memberPath(path, "after_days"), 1, MaxDays) *
                                    SecondsPerDay);
    if (hours)
        return std::chrono::seconds(checker.integer(*hours, memberPath(path, "after_hours"), 1, MaxHours) *
                                    SecondsPerHour);
    checker.fail(object.line(), path, "missing required key \"after_days\" or \"after_hours\"");
}

std::string optionalDescription(const Checker& checker, const Json& object, const std::string& path)
{
    const Json* value = object.find("description");
    if (!value)
        return {};
    checker.expectType(*value, Json::Type::String, memberPath(path, "description"));
    return value->asString();
}

EvidenceRequirement parseRequirement(const Checker& checker, const Json& object, const std::string& path)
{
    checker.checkKeys(
        object, path,
        {"id", "label", "description", "min", "strength", "kinds", "max_age_days", "fact", "unless"});
    EvidenceRequirement requirement;
    requirement.line = object.line();
    requirement.id =
        checker.identifier(checker.required(object, path, "id"), memberPath(path, "id"), "evidence id");
    requirement.label = checker.text(checker.required(object, path, "label"), memberPath(path, "label"));
    requirement.description = optionalDescription(checker, object, path);
    if (const Json* fact = object.find("fact"))
    {
        for (const char* key : {"min", "strength", "kinds", "max_age_days"})
            if (object.find(key))
                checker.fail(object.find(key)->line(), memberPath(path, key),
                             "a fact requirement (with \"fact\") cannot have \"" + std::string(key) + "\"");
        requirement.fact =
            checker.oneOf(*fact, memberPath(path, "fact"), "fact", WorkflowVocabulary::facts());
        if (const Json* unless = object.find("unless"))
            requirement.unless = checker.oneOf(*unless, memberPath(path, "unless"), "condition",
                                               WorkflowVocabulary::unlessConditions());
        return requirement;
    }
    if (const Json* unless = object.find("unless"))
        checker.fail(unless->line(), memberPath(path, "unless"),
                     "\"unless\" applies only to a fact requirement");
    requirement.min = static_cast<int>(
        checker.integer(checker.required(object, path, "min"), memberPath(path, "min"), 1, MaxEvidenceCount));
    const std::string strength = checker.oneOf(checker.required(object, path, "strength"),
                                               memberPath(path, "strength"), "strength", strengthNames());
    const auto position = std::find(strengthNames().begin(), strengthNames().end(), strength);
    requirement.strength = static_cast<EvidenceStrength>(position - strengthNames().begin());
    requirement.kinds = checker.wordList(checker.required(object, path, "kinds"), memberPath(path, "kinds"),
                                         "document kind", WorkflowVocabulary::documentKinds(), false);
    if (const Json* maxAge = object.find("max_age_days"))
        requirement.maxAge = std::chrono::seconds(
            checker.integer(*maxAge, memberPath(path, "max_age_days"), 1, MaxDays) * SecondsPerDay);
    return requirement;
}

CheckSettings parseCheckSettings(const Checker& checker, const Json& object)
{
    checker.checkKeys(object, "checks", {"id_expiry_margin_days", "image_match_max_distance", "description"});
    CheckSettings settings;
    settings.description = optionalDescription(checker, object, "checks");
    if (const Json* margin = object.find("id_expiry_margin_days"))
        settings.idExpiryMarginDays = static_cast<int>(
            checker.integer(*margin, "checks.id_expiry_margin_days", 0, MaxExpiryMarginDays));
    if (const Json* distance = object.find("image_match_max_distance"))
        settings.imageMatchMaxDistance = static_cast<int>(
            checker.integer(*distance, "checks.image_match_max_distance", 0, MaxImageDistance));
    return settings;
}

// A timer's event is checked once the transitions are known; this remembers where it was written.
struct PendingTimerEvent
{
    std::string state;
    std::string event;
    std::string path;
    int line = 0;
};

StateDef parseState(const Checker& checker, const JsonMember& member, const std::string& path,
                    std::vector<PendingTimerEvent>& pending)
{
    const Json& object = member.value;
    checker.checkKeys(object, path, {"label", "description", "final", "queue", "sla_hours", "timers"});
    StateDef state;
    state.id = member.key;
    state.line = member.line;
    state.label = checker.text(checker.required(object, path, "label"), memberPath(path, "label"));
    state.description = optionalDescription(checker, object, path);
    if (const Json* isFinal = object.find("final"))
        state.final = checker.boolean(*isFinal, memberPath(path, "final"));
    if (const Json* queue = object.find("queue"))
        state.queue = checker.boolean(*queue, memberPath(path, "queue"));
    if (state.final && state.queue)
        checker.fail(object.find("queue")->line(), memberPath(path, "queue"),
                     "a final state cannot be a queue state");
    if (const Json* sla = object.find("sla_hours"))
    {
        if (!state.queue)
            checker.fail(sla->line(), memberPath(path, "sla_hours"),
                         "an SLA needs a queue state (\"queue\": true)");
        state.sla = std::chrono::seconds(
            checker.integer(*sla, memberPath(path, "sla_hours"), 1, MaxSlaHours) * SecondsPerHour);
    }
    if (const Json* timers = object.find("timers"))
    {
        const std::string timersPath = memberPath(path, "timers");
        checker.expectType(*timers, Json::Type::Array, timersPath);
        if (state.final && !timers->items().empty())
            checker.fail(timers->line(), timersPath, "a final state cannot have timers");
        for (std::size_t i = 0; i < timers->items().size(); ++i)
        {
            const Json& timerObject = timers->items()[i];
            const std::string timerPath = indexPath(timersPath, i);
            checker.checkKeys(timerObject, timerPath,
                              {"id", "after_days", "after_hours", "event", "description"});
            TimerDef timer;
            const Json& id = checker.required(timerObject, timerPath, "id");
            timer.id = checker.identifier(id, memberPath(timerPath, "id"), "timer id");
            for (const TimerDef& earlier : state.timers)
                if (earlier.id == timer.id)
                    checker.fail(id.line(), memberPath(timerPath, "id"),
                                 "timer id " + quoted(timer.id) + " used twice in this state");
            timer.after = duration(checker, timerObject, timerPath);
            const Json& event = checker.required(timerObject, timerPath, "event");
            timer.event = checker.identifier(event, memberPath(timerPath, "event"), "event");
            timer.description = optionalDescription(checker, timerObject, timerPath);
            pending.push_back({state.id, timer.event, memberPath(timerPath, "event"), event.line()});
            state.timers.push_back(std::move(timer));
        }
    }
    return state;
}

TransitionDef parseTransition(const Checker& checker, const Json& object, const std::string& path,
                              const std::vector<StateDef>& states)
{
    checker.checkKeys(object, path,
                      {"from", "event", "to", "by", "guards", "actions", "notify", "description"});
    std::vector<std::string> stateIds;
    for (const StateDef& state : states)
        stateIds.push_back(state.id);
    const auto stateRef = [&](const char* key)
    {
        const Json& value = checker.required(object, path, key);
        const std::string keyPath = memberPath(path, key);
        checker.expectType(value, Json::Type::String, keyPath);
        if (!contains(stateIds, value.asString()))
            checker.fail(value.line(), keyPath,
                         "unknown state " + quoted(value.asString()) +
                             suggestion(value.asString(), stateIds));
        return value.asString();
    };
    TransitionDef transition;
    transition.line = object.line();
    transition.from = stateRef("from");
    transition.event =
        checker.identifier(checker.required(object, path, "event"), memberPath(path, "event"), "event");
    transition.to = stateRef("to");
    for (const StateDef& state : states)
        if (state.id == transition.from && state.final)
            checker.fail(object.find("from")->line(), memberPath(path, "from"),
                         "final state " + quoted(state.id) + " cannot have outgoing transitions");
    transition.by = checker.wordList(checker.required(object, path, "by"), memberPath(path, "by"), "role",
                                     WorkflowVocabulary::roles(), false);
    if (const Json* guards = object.find("guards"))
        transition.guards = checker.wordList(*guards, memberPath(path, "guards"), "guard",
                                             WorkflowVocabulary::guards(), true);
    if (const Json* actions = object.find("actions"))
        transition.actions = checker.wordList(*actions, memberPath(path, "actions"), "action",
                                              WorkflowVocabulary::actions(), true);
    if (const Json* notify = object.find("notify"))
        transition.notify = checker.templateName(*notify, memberPath(path, "notify"));
    transition.description = optionalDescription(checker, object, path);
    return transition;
}

void checkTransitionsReachable(const Checker& checker, const std::vector<TransitionDef>& transitions)
{
    for (std::size_t i = 0; i < transitions.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
        {
            const TransitionDef& earlier = transitions[j];
            const TransitionDef& later = transitions[i];
            if (earlier.from != later.from || earlier.event != later.event || !earlier.guards.empty())
                continue;
            const bool covered =
                std::all_of(later.by.begin(), later.by.end(),
                            [&](const std::string& role) { return contains(earlier.by, role); });
            if (covered)
                checker.fail(later.line, indexPath("transitions", i),
                             "can never be taken: transitions[" + std::to_string(j) + "] (line " +
                                 std::to_string(earlier.line) + ") has no guards and already takes event " +
                                 quoted(later.event) + " from " + quoted(later.from) + " for these roles");
        }
}

void checkGraph(const Checker& checker, const std::vector<StateDef>& states,
                const std::vector<TransitionDef>& transitions, const std::string& initial)
{
    for (const StateDef& state : states)
    {
        const bool hasOutgoing = std::any_of(transitions.begin(), transitions.end(),
                                             [&](const TransitionDef& t) { return t.from == state.id; });
        if (!state.final && !hasOutgoing)
            checker.fail(state.line, memberPath("states", state.id),
                         "state has no outgoing transitions, so its cases would be stuck; add one or mark it "
                         "\"final\": true");
    }
    std::set<std::string> reached{initial};
    std::vector<std::string> frontier{initial};
    while (!frontier.empty())
    {
        const std::string current = frontier.back();
        frontier.pop_back();
        for (const TransitionDef& transition : transitions)
            if (transition.from == current && reached.insert(transition.to).second)
                frontier.push_back(transition.to);
    }
    for (const StateDef& state : states)
        if (!reached.count(state.id))
            checker.fail(state.line, memberPath("states", state.id),
                         "no transition leads to this state from the initial state " + quoted(initial));
}

} // namespace

const char* evidenceStrengthName(EvidenceStrength strength) noexcept
{
    switch (strength)
    {
    case EvidenceStrength::Weak:
        return "WEAK";
    case EvidenceStrength::Fair:
        return "FAIR";
    case EvidenceStrength::Strong:
        return "STRONG";
    case EvidenceStrength::Superior:
        return "SUPERIOR";
    }
    return "WEAK";
}

const std::vector<std::string>& WorkflowVocabulary::roles()
{
    static const std::vector<std::string> words{"applicant", "reviewer", "supervisor", "system"};
    return words;
}

const std::vector<std::string>& WorkflowVocabulary::guards()
{
    static const std::vector<std::string> words{"evidence_complete", "has_reason",    "has_message",
                                                "no_failed_checks",  "failed_checks", "second_approver"};
    return words;
}

const std::vector<std::string>& WorkflowVocabulary::actions()
{
    static const std::vector<std::string> words{"create_account", "release_claim"};
    return words;
}

const std::vector<std::string>& WorkflowVocabulary::documentKinds()
{
    static const std::vector<std::string> words{"drivers_license", "state_id",     "passport",
                                                "bank_statement",  "utility_bill", "payroll_statement"};
    return words;
}

const std::vector<std::string>& WorkflowVocabulary::facts()
{
    static const std::vector<std::string> words{"ssn_last4"};
    return words;
}

const std::vector<std::string>& WorkflowVocabulary::unlessConditions()
{
    static const std::vector<std::string> words{"ssn_given"};
    return words;
}

const StateDef* WorkflowDefinition::state(const std::string& id) const noexcept
{
    for (const StateDef& state : _states)
        if (state.id == id)
            return &state;
    return nullptr;
}

bool WorkflowDefinition::isFinal(const std::string& id) const noexcept
{
    const StateDef* found = state(id);
    return found && found->final;
}

bool WorkflowDefinition::isQueueState(const std::string& id) const noexcept
{
    const StateDef* found = state(id);
    return found && found->queue;
}

std::vector<std::string> WorkflowDefinition::queueStates() const
{
    std::vector<std::string> ids;
    for (const StateDef& state : _states)
        if (state.queue)
            ids.push_back(state.id);
    return ids;
}

std::set<std::string> WorkflowDefinition::notificationNames() const
{
    std::set<std::string> names;
    if (!_onCreateNotify.empty())
        names.insert(_onCreateNotify);
    for (const TransitionDef& transition : _transitions)
        if (!transition.notify.empty())
            names.insert(transition.notify);
    return names;
}

std::set<std::string> WorkflowDefinition::events() const
{
    std::set<std::string> names;
    for (const TransitionDef& transition : _transitions)
        names.insert(transition.event);
    return names;
}

WorkflowDefinition parseWorkflow(std::string_view jsonText, const std::string& sourceName)
{
    Json root;
    try
    {
        root = Json::parse(jsonText, sourceName);
    }
    catch (const Error& error)
    {
        throw Error(ErrorCode::Configuration, error.what());
    }
    const Checker checker(sourceName);
    checker.checkKeys(root, "",
                      {"name", "version", "description", "initial_state", "on_create", "evidence", "checks",
                       "states", "transitions"});

    WorkflowDefinition definition;
    const Json& name = checker.required(root, "", "name");
    checker.expectType(name, Json::Type::String, "name");
    if (!isWorkflowName(name.asString()))
        checker.fail(name.line(), "name",
                     "invalid workflow name " + quoted(name.asString()) +
                         ": use lower-case letters, digits, '_' and '-'");
    definition._name = name.asString();
    definition._version =
        static_cast<int>(checker.integer(checker.required(root, "", "version"), "version", 1, 1000000));
    definition._description = optionalDescription(checker, root, "");

    const Json& evidence = checker.required(root, "", "evidence");
    checker.expectType(evidence, Json::Type::Array, "evidence");
    for (std::size_t i = 0; i < evidence.items().size(); ++i)
    {
        const std::string path = indexPath("evidence", i);
        EvidenceRequirement requirement = parseRequirement(checker, evidence.items()[i], path);
        for (const EvidenceRequirement& earlier : definition._evidence)
            if (earlier.id == requirement.id)
                checker.fail(evidence.items()[i].find("id")->line(), memberPath(path, "id"),
                             "evidence id " + quoted(requirement.id) + " used twice");
        definition._evidence.push_back(std::move(requirement));
    }

    if (const Json* checks = root.find("checks"))
        definition._checks = parseCheckSettings(checker, *checks);

    const Json& states = checker.required(root, "", "states");
    checker.expectType(states, Json::Type::Object, "states");
    if (states.members().empty())
        checker.fail(states.line(), "states", "must define at least one state");
    std::vector<PendingTimerEvent> pendingTimers;
    for (const JsonMember& member : states.members())
    {
        const std::string path = memberPath("states", member.key);
        if (!isIdentifier(member.key))
            checker.fail(member.line, path,
                         "invalid state id: use lower-case letters, digits and '_', starting with a letter");
        definition._states.push_back(parseState(checker, member, path, pendingTimers));
    }
    std::vector<std::string> stateIds;
    for (const StateDef& state : definition._states)
        stateIds.push_back(state.id);

    const Json& initial = checker.required(root, "", "initial_state");
    checker.expectType(initial, Json::Type::String, "initial_state");
    if (!contains(stateIds, initial.asString()))
        checker.fail(initial.line(), "initial_state",
                     "unknown state " + quoted(initial.asString()) +
                         suggestion(initial.asString(), stateIds));
    if (definition.isFinal(initial.asString()))
        checker.fail(initial.line(), "initial_state", "the initial state cannot be final");
    definition._initialState = initial.asString();

    if (const Json* onCreate = root.find("on_create"))
    {
        checker.checkKeys(*onCreate, "on_create", {"notify", "description"});
        definition._onCreateNotify =
            checker.templateName(checker.required(*onCreate, "on_create", "notify"), "on_create.notify");
    }

    const Json& transitions = checker.required(root, "", "transitions");
    checker.expectType(transitions, Json::Type::Array, "transitions");
    for (std::size_t i = 0; i < transitions.items().size(); ++i)
        definition._transitions.push_back(parseTransition(checker, transitions.items()[i],
                                                          indexPath("transitions", i), definition._states));
    checkTransitionsReachable(checker, definition._transitions);

    for (const PendingTimerEvent& timer : pendingTimers)
    {
        const bool handled = std::any_of(definition._transitions.begin(), definition._transitions.end(),
                                         [&](const TransitionDef& t) {
                                             return t.from == timer.state && t.event == timer.event &&
                                                    contains(t.by, "system");
                                         });
        if (!handled)
            checker.fail(timer.line, timer.path,
                         "no transition from " + quoted(timer.state) + " on event " + quoted(timer.event) +
                             " that the \"system\" role may take");
    }
    checkGraph(checker, definition._states, definition._transitions, definition._initialState);
    return definition;
}

} // namespace proofdesk
