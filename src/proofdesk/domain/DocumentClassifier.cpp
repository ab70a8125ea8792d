#include "proofdesk/domain/DocumentClassifier.h"

#include <algorithm>
#include <set>
#include <vector>

namespace proofdesk
{

namespace
{

const char* const DriversLicense = "drivers_license";
const char* const StateId = "state_id";
const char* const Passport = "passport";
const char* const Bank = "bank_statement";
const char* const Utility = "utility_bill";
const char* const Payroll = "payroll_statement";
const char* const Card = "card";  // cues shared by licenses and ID cards

struct Cue
{
    const char* kind;
    const char* phrase;
    int weight;
};

// Weights: 1 a word many documents use, 2-3 a word typical of the kind, 6-8 a title that names it.
const std::vector<Cue>& cues()
{
    static const std::vector<Cue> table = {
        // licenses
        {DriversLicense, "DRIVER LICENSE", 8},
        {DriversLicense, "DRIVERS LICENSE", 8},
        {DriversLicense, "DRIVER LICENCE", 8},
        {DriversLicense, "OPERATOR LICENSE", 7},
        {DriversLicense, "OPERATORS LICENSE", 7},
        {DriversLicense, "COMMERCIAL DRIVER LICENSE", 8},
        {DriversLicense, "LICENSE", 2},
        {DriversLicense, "DLN", 4},
        {DriversLicense, "DL", 2},
        {DriversLicense, "DL NO", 3},
        {DriversLicense, "DL NUMBER", 3},
        {DriversLicense, "LIC NO", 3},
        {DriversLicense, "LICENSE NO", 3},
        {DriversLicense, "LICENSE NUMBER", 3},
        {DriversLicense, "CLASS", 2},
        {DriversLicense, "RESTR", 2},
        {DriversLicense, "RESTRICTIONS", 2},
        {DriversLicense, "ENDORSEMENTS", 2},
        {DriversLicense, "ENDORSE", 2},
        {DriversLicense, "LEARNER PERMIT", 5},
        {DriversLicense, "INSTRUCTION PERMIT", 5},
        // identification cards
        {StateId, "IDENTIFICATION CARD", 8},
        {StateId, "ID CARD", 7},
        {StateId, "STATE ID", 5},
        {StateId, "NOT A LICENSE TO DRIVE", 9},
        {StateId, "NOT VALID FOR DRIVING", 9},
        {StateId, "NOT A DRIVER LICENSE", 9},
        {StateId, "IDN", 3},
        {StateId, "ID NO", 3},
        {StateId, "ID NUMBER", 3},
        {StateId, "CARD NO", 2},
        {StateId, "IDENTIFICATION", 3},
        {StateId, "CARD", 2},  // "ID CARD" with its first word misread; licenses do not call themselves cards
        // both kinds of card
        {Card, "DOB", 3},
        {Card, "EXP", 2},
        {Card, "EXPIRES", 1},
        {Card, "ISS", 2},
        {Card, "SEX", 2},
        {Card, "HGT", 2},
        {Card, "HEIGHT", 1},
        {Card, "WGT", 1},
        {Card, "EYES", 2},
        {Card, "HAIR", 1},
        {Card, "DONOR", 2},
        {Card, "ORGAN DONOR", 2},
        {Card, "VETERAN", 1},
        {Card, "REAL ID", 2},
        {Card, "NOT FOR FEDERAL", 3},
        {Card, "DMV", 2},
        {Card, "MOTOR VEHICLES", 2},
        {Card, "DD", 1},
        // passports
        {Passport, "PASSPORT", 8},
        {Passport, "PASSEPORT", 4},
        {Passport, "PASAPORTE", 4},
        {Passport, "PASSPORT NO", 3},
        {Passport, "NATIONALITY", 3},
        {Passport, "SURNAME", 3},
        {Passport, "GIVEN NAMES", 3},
        {Passport, "PLACE OF BIRTH", 3},
        {Passport, "DATE OF EXPIRATION", 2},
        {Passport, "DATE OF EXPIRY", 2},
        {Passport, "DEPARTMENT OF STATE", 3},
        {Passport, "MENTIONS SPECIALES", 2},
        {Passport, "CODE OF ISSUING STATE", 3},
        {Passport, "NACIONALIDAD", 2},
        {Passport, "NATIONALITE", 2},
        // bank statements
        {Bank, "BANK", 2},
        {Bank, "CREDIT UNION", 3},
        {Bank, "SAVINGS", 1},
        {Bank, "CHECKING", 2},
        {Bank, "BEGINNING BALANCE", 3},
        {Bank, "ENDING BALANCE", 3},
        {Bank, "OPENING BALANCE", 3},
        {Bank, "CLOSING BALANCE", 3},
        {Bank, "AVAILABLE BALANCE", 2},
        {Bank, "DAILY BALANCE", 2},
        {Bank, "ACCOUNT SUMMARY", 2},
        {Bank, "STATEMENT PERIOD", 2},
        {Bank, "DEPOSITS", 1},
        {Bank, "DEPOSITS AND OTHER CREDITS", 2},
        {Bank, "WITHDRAWALS", 2},
        {Bank, "WITHDRAWALS AND OTHER DEBITS", 2},
        {Bank, "DEBITS", 1},
        {Bank, "CREDITS", 1},
        {Bank, "TRANSACTION", 1},
        {Bank, "TRANSACTIONS", 1},
        {Bank, "INTEREST EARNED", 2},
        {Bank, "ANNUAL PERCENTAGE YIELD", 3},
        {Bank, "FDIC", 2},
        {Bank, "NCUA", 2},
        {Bank, "ROUTING", 2},
        {Bank, "OVERDRAFT", 2},
        {Bank, "STATEMENT", 1},
        {Bank, "ACCOUNT STATEMENT", 2},
        {Bank, "CHECKING STATEMENT", 3},
        {Bank, "SAVINGS STATEMENT", 3},
        {Bank, "MONTHLY STATEMENT", 1},
        {Bank, "STATEMENT CLOSING DATE", 2},
        {Bank, "CLOSING DATE", 1},
        {Bank, "AMOUNT OUT", 1},
        {Bank, "AMOUNT IN", 1},
        // utility bills
        {Utility, "AMOUNT DUE", 3},
        {Utility, "TOTAL AMOUNT DUE", 3},
        {Utility, "DUE DATE", 2},
        {Utility, "PAYMENT DUE", 2},
        {Utility, "SERVICE ADDRESS", 3},
        {Utility, "SERVICE PERIOD", 3},
        {Utility, "BILLING PERIOD", 3},
        {Utility, "KWH", 3},
        {Utility, "THERMS", 3},
        {Utility, "GALLONS", 2},
        {Utility, "CCF", 2},
        {Utility, "METER", 2},
        {Utility, "METER READING", 3},
        {Utility, "ELECTRIC", 2},
        {Utility, "ELECTRICITY", 2},
        {Utility, "NATURAL GAS", 2},
        {Utility, "GAS", 1},
        {Utility, "WATER", 1},
        {Utility, "SEWER", 2},
        {Utility, "UTILITY", 2},
        {Utility, "UTILITIES", 2},
        {Utility, "ENERGY", 1},
        {Utility, "POWER", 1},
        {Utility, "USAGE", 2},
        {Utility, "BASIC SERVICE CHARGE", 3},
        {Utility, "SERVICE CHARGE", 1},
        {Utility, "CURRENT CHARGES", 2},
        {Utility, "PREVIOUS BALANCE", 1},
        {Utility, "LATE FEE", 2},
        {Utility, "OUTAGES", 2},
        {Utility, "BILL DATE", 3},
        {Utility, "BILLING DATE", 3},
        {Utility, "DATE OF BILL", 3},
        {Utility, "BILL", 1},
        {Utility, "AMOUNT ENCLOSED", 2},
        {Utility, "DATA USAGE", 2},
        {Utility, "WIRELESS", 1},
        {Utility, "INTERNET", 1},
        {Utility, "TAXES AND FEES", 1},
        {Utility, "REMITTANCE", 1},
        // payroll statements
        {Payroll, "PAY DATE", 3},
        {Payroll, "CHECK DATE", 3},
        {Payroll, "ADVICE DATE", 3},
        {Payroll, "PAYMENT DATE", 1},
        {Payroll, "PAY PERIOD", 3},
        {Payroll, "PERIOD BEGINNING", 2},
        {Payroll, "PERIOD ENDING", 2},
        {Payroll, "EARNINGS", 3},
        {Payroll, "EARNINGS STATEMENT", 3},
        {Payroll, "STATEMENT OF EARNINGS", 3},
        {Payroll, "GROSS PAY", 3},
        {Payroll, "GROSS EARNINGS", 3},
        {Payroll, "GROSS", 1},
        {Payroll, "NET PAY", 3},
        {Payroll, "DEDUCTIONS", 2},
        {Payroll, "YTD", 2},
        {Payroll, "YEAR TO DATE", 2},
        {Payroll, "FEDERAL INCOME TAX", 2},
        {Payroll, "FEDERAL WITHHOLDING", 2},
        {Payroll, "FED WITHHOLDING", 2},
        {Payroll, "SOCIAL SECURITY", 2},
        {Payroll, "MEDICARE", 2},
        {Payroll, "EMPLOYEE", 2},
        {Payroll, "EMPLOYEE ID", 2},
        {Payroll, "EMPLOYEE NO", 2},
        {Payroll, "EMPLOYER", 2},
        {Payroll, "PAY STUB", 3},
        {Payroll, "PAY STATEMENT", 3},
        {Payroll, "PAYROLL", 2},
        {Payroll, "PAYROLL ADVICE", 3},
        {Payroll, "DEPOSIT ADVICE", 2},
        {Payroll, "OVERTIME", 2},
        {Payroll, "HOURS", 1},
        {Payroll, "NON-NEGOTIABLE", 2},
        {Payroll, "THIS IS NOT A CHECK", 2},
    };
    return table;
}

std::string familyOf(const std::string& kind)
{
    if (kind == DriversLicense || kind == StateId)
        return "card";
    if (kind == Passport)
        return "passport";
    return "statement";
}

} // namespace

Classification classifyDocument(const DocumentLayout& layout)
{
    static const std::vector<LabelPhrase> phrases = [] {
        std::vector<LabelPhrase> out;
        // The label's priority slot carries the cue's weight here (larger counts more).
        for (const Cue& cue : cues())
            out.push_back(LabelPhrase{cue.kind, cue.phrase, cue.weight});
        return out;
    }();
    Classification result;
    for (const char* kind : {DriversLicense, StateId, Passport, Bank, Utility, Payroll})
        result.scores[kind] = 0;
    double cardShared = 0;
    std::set<const LabelPhrase*> seen;
    for (const LabelHit& hit : layout.findLabels(phrases))
    {
        // A cue counts once, however often it is printed.
        if (!seen.insert(hit.label).second)
            continue;
        double weight = hit.label->priority * (hit.exact ? 1.0 : 0.8);
        if (hit.label->field == Card)
            cardShared += weight;
        else
            result.scores[hit.label->field] += weight;
    }
    // Title words that OCR glued to their neighbours ("MISSOURIDENTIFICATION", "PRWERTICENSE"): their
    // distinctive stems, a letter or two off, inside longer words.
    struct Stem
    {
        const char* kind;
        const char* stem;
        std::size_t allowance;
        double weight;
    };
    static const Stem stems[] = {{StateId, "DENTIFICATION", 2, 5}, {DriversLicense, "LICENSE", 1, 3},
                                 {Passport, "PASSPORT", 1, 4}};
    for (const Stem& stem : stems)
    {
        std::string_view pattern = stem.stem;
        bool found = false;
        for (const LayoutLine& line : layout.lines())
        {
            for (const LayoutWord& word : line.words)
                if (word.key.size() > pattern.size() + 2 &&
                    text::substringDistance(word.key, pattern, stem.allowance) <= stem.allowance)
                    found = true;
            if (found)
                break;
        }
        if (found)
            result.scores[stem.kind] += stem.weight;
    }
    // A machine-readable zone: "P<USA..." with filler runs.
    for (const LayoutLine& line : layout.lines())
    {
        std::string compact;
        for (char c : line.text)
            if (c != ' ')
                compact += c;
        if (compact.size() >= 20 && compact[0] == 'P' && compact[1] == '<' && compact.find("<<") != std::string::npos)
        {
            result.scores[Passport] += 10;
            break;
        }
    }
    // Card cues speak for both kinds of card. When nothing on the card tells which (its title and number
    // label misread), many of them still make it a card: a license, the commoner kind, as a close call.
    double dl = result.scores[DriversLicense];
    double id = result.scores[StateId];
    bool cardOfEitherKind = dl == 0 && id == 0 && cardShared >= 5;
    if (dl + id + cardShared > 0)
    {
        if (dl >= id)
            result.scores[DriversLicense] += cardShared;
        if (id >= dl && !cardOfEitherKind)
            result.scores[StateId] += cardShared;
    }
    std::vector<std::pair<std::string, double>> ranked(result.scores.begin(), result.scores.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    const auto& [bestKind, best] = ranked[0];
    constexpr double minimum = 5.0;
    if (best < minimum)
        return result;
    // The best rival of another family: a tie there means we cannot tell what the document is.
    double rival = 0;
    double runnerUp = ranked.size() > 1 ? ranked[1].second : 0;
    for (std::size_t i = 1; i < ranked.size(); ++i)
        if (familyOf(ranked[i].first) != familyOf(bestKind))
        {
            rival = ranked[i].second;
            break;
        }
    if (rival >= best * 0.9)
        return result;
    result.documentType = bestKind;
    result.clear = !cardOfEitherKind && (best >= runnerUp * 1.3 || best - runnerUp >= 4);
    return result;
}

} // namespace proofdesk
