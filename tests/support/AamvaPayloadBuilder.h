#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace proofdesk::test
{

/// Builds AAMVA DL/ID barcode payloads with correct subfile offsets and lengths (all data synthetic), with
/// knobs for the defects real cards show.
struct AamvaPayloadBuilder
{
    std::string fileType = "ANSI ";
    std::string iin = "636014"; // California
    int version = 10;
    int jurisdictionVersion = 0;
    std::string subfileType = "DL";
    std::vector<std::pair<std::string, std::string>> elements;
    std::string jurisdictionSubfile; // e.g. "ZCZCAYES": appended as a second subfile when not empty
    std::string separator = "\n";    // between data elements
    std::string terminator = "\r";   // after each subfile
    int offsetError = 0;             // added to the card subfile's declared offset
    int lengthError = 0;             // added to the card subfile's declared length

    AamvaPayloadBuilder& add(std::string id, std::string value)
    {
        elements.emplace_back(std::move(id), std::move(value));
        return *this;
    }

    static std::string digits(int value, int width)
    {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
        return buffer;
    }

    std::string build() const
    {
        std::string card = subfileType;
        for (std::size_t i = 0; i < elements.size(); ++i)
            card += elements[i].first + elements[i].second + (i + 1 < elements.size() ? separator : "");
        card += terminator;
        std::string jurisdiction = jurisdictionSubfile.empty() ? "" : jurisdictionSubfile + terminator;

        int entries = jurisdiction.empty() ? 1 : 2;
        std::string header = "@\n\x1e\r" + fileType + iin + digits(version, 2);
        if (version >= 2)
            header += digits(jurisdictionVersion, 2);
        header += digits(entries, 2);
        int cardOffset = static_cast<int>(header.size()) + 10 * entries;
        header += subfileType.substr(0, 2) + digits(cardOffset + offsetError, 4) +
                  digits(static_cast<int>(card.size()) + lengthError, 4);
        if (!jurisdiction.empty())
            header += jurisdictionSubfile.substr(0, 2) +
                      digits(cardOffset + static_cast<int>(card.size()), 4) +
                      digits(static_cast<int>(jurisdiction.size()), 4);
        return header + card + jurisdiction;
    }
};

/// A complete version-10 California license of a synthetic person.
inline AamvaPayloadBuilder sampleLicense()
{
    AamvaPayloadBuilder b;
    b.add("DCA", "C")
        .add("DCB", "NONE")
        .add("DCD", "NONE")
        .add("DBA", "08312030")
        .add("DCS", "QUINTERO-HALE");
    b.add("DAC", "MARISOL").add("DAD", "ANNE,BEATRIZ").add("DBD", "08312022").add("DBB", "03141989");
    b.add("DBC", "2").add("DAY", "BRO").add("DAU", "064 IN").add("DAG", "418 LARKSPUR AVE");
    b.add("DAH", "APT 3B").add("DAI", "MOUNTAIN VIEW").add("DAJ", "CA").add("DAK", "940430000");
    b.add("DAQ", "D1234567").add("DCF", "0831202212345/ABFD/30").add("DCG", "USA").add("DDE", "N");
    b.add("DDF", "N").add("DDG", "N");
    b.jurisdictionSubfile = "ZCZCAY";
    return b;
}

} // namespace proofdesk::test
