#include "proofdesk/domain/AuthenticationResults.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace proofdesk;

namespace
{

struct Row
{
    const char* name;
    std::vector<std::string> headers;
    std::vector<std::string> trusted;
    const char* authservId;
    const char* spf;
    const char* dkim;
    const char* dmarc;
    std::vector<std::string> details;
};

} // namespace

TEST_CASE("Authentication-Results headers give one verdict per method (RFC 8601)", "[domain][mail][authres]")
{
    const std::vector<Row> rows = {
        {"all three pass",
         {"mx.example.org; spf=pass smtp.mailfrom=applicant@example.org; dkim=pass header.d=example.org; "
          "dmarc=pass header.from=example.org"},
         {},
         "mx.example.org",
         "pass",
         "pass",
         "pass",
         {"spf=pass smtp.mailfrom=applicant@example.org", "dkim=pass header.d=example.org",
          "dmarc=pass header.from=example.org"}},
        {"version number after the authserv-id",
         {"mx.example.org 1; spf=fail smtp.mailfrom=x@example.net"},
         {},
         "mx.example.org",
         "fail",
         "",
         "",
         {"spf=fail smtp.mailfrom=x@example.net"}},
        {"comments everywhere, nested and with a semicolon inside",
         {"mx.example.org (MTA; version 2 (beta)); spf=softfail (sender (not) permitted; see docs) "
          "smtp.mailfrom=a@example.net (comment)"},
         {},
         "mx.example.org",
         "softfail",
         "",
         "",
         {"spf=softfail smtp.mailfrom=a@example.net"}},
        {"quoted values with ';' and '=' inside and a reason",
         {"mx.example.org; dkim=fail reason=\"signature; body hash = mismatch\" header.d=\"example.org\""},
         {},
         "mx.example.org",
         "",
         "fail",
         "",
         {"dkim=fail reason=\"signature; body hash = mismatch\" header.d=example.org"}},
        {"no result at all",
         {"mx.example.org; none"},
         {},
         "mx.example.org",
         "",
         "",
         "",
         {}},
        {"unknown methods are listed but give no verdict",
         {"mx.example.org; iprev=pass policy.iprev=192.0.2.10; x-custom=weird; auth=pass smtp.auth=user"},
         {},
         "mx.example.org",
         "",
         "",
         "",
         {"iprev=pass policy.iprev=192.0.2.10", "x-custom=weird", "auth=pass smtp.auth=user"}},
        {"several DKIM results: a pass anywhere counts",
         {"mx.example.org; dkim=fail header.d=example.net; dkim=pass header.d=example.org; dkim=neutral"},
         {},
         "mx.example.org",
         "",
         "pass",
         "",
         {"dkim=fail header.d=example.net", "dkim=pass header.d=example.org", "dkim=neutral"}},
        {"several DKIM results, none passing: the first",
         {"mx.example.org; dkim=permerror header.d=example.net; dkim=fail header.d=example.org"},
         {},
         "mx.example.org",
         "",
         "permerror",
         "",
         {"dkim=permerror header.d=example.net", "dkim=fail header.d=example.org"}},
        {"method versions, upper case and blanks around '='",
         {"MX.Example.ORG; DKIM/1 = PASS Header.D = example.org; SPF = Neutral; DMARC=None"},
         {},
         "MX.Example.ORG",
         "neutral",
         "pass",
         "none",
         {"dkim=pass header.d=example.org", "spf=neutral", "dmarc=none"}},
        {"folded header (line breaks and tabs)",
         {"mx.example.org;\r\n\tspf=pass smtp.mailfrom=a@example.org;\r\n\tdkim=temperror header.d=example.org"},
         {},
         "mx.example.org",
         "pass",
         "temperror",
         "",
         {"spf=pass smtp.mailfrom=a@example.org", "dkim=temperror header.d=example.org"}},
        {"the header name left in front",
         {"Authentication-Results: mx.example.org; dmarc=fail header.from=example.net"},
         {},
         "mx.example.org",
         "",
         "",
         "fail",
         {"dmarc=fail header.from=example.net"}},
        {"legacy SPF hardfail is fail; a result outside the vocabulary is only a detail",
         {"mx.example.org; spf=hardfail; dmarc=bestguesspass"},
         {},
         "mx.example.org",
         "fail",
         "",
         "",
         {"spf=fail", "dmarc=bestguesspass"}},
        {"policy verdict",
         {"mx.example.org; dkim=policy policy.dkim-rules=unsigned-subject"},
         {},
         "mx.example.org",
         "",
         "policy",
         "",
         {"dkim=policy policy.dkim-rules=unsigned-subject"}},
        {"quoted authserv-id",
         {"\"mx.example.org\"; spf=pass"},
         {"mx.example.org"},
         "mx.example.org",
         "pass",
         "",
         "",
         {"spf=pass"}},
        {"forged header from another authserv-id is ignored when ours is trusted",
         {"mx.example.org; spf=fail smtp.mailfrom=a@example.net; dkim=none",
          "forger.example.net; spf=pass; dkim=pass; dmarc=pass"},
         {"mx.example.org"},
         "mx.example.org",
         "fail",
         "none",
         "",
         {"spf=fail smtp.mailfrom=a@example.net", "dkim=none"}},
        {"a forged header ABOVE ours (added later by nobody we trust) is skipped too",
         {"forger.example.net; spf=pass; dkim=pass; dmarc=pass", "MX.EXAMPLE.ORG; spf=softfail"},
         {"mx.example.org"},
         "MX.EXAMPLE.ORG",
         "softfail",
         "",
         "",
         {"spf=softfail"}},
        {"several trusted headers: the topmost wins",
         {"mx2.example.org; spf=pass", "mx1.example.org; spf=fail"},
         {"mx1.example.org", "mx2.example.org"},
         "mx2.example.org",
         "pass",
         "",
         "",
         {"spf=pass"}},
        {"no trusted header at all",
         {"forger.example.net; spf=pass; dkim=pass; dmarc=pass"},
         {"mx.example.org"},
         "",
         "",
         "",
         "",
         {}},
        {"without a trust list the first header is used",
         {"first.example.org; spf=none", "second.example.org; spf=pass"},
         {},
         "first.example.org",
         "none",
         "",
         "",
         {"spf=none"}},
        {"no headers", {}, {}, "", "", "", "", {}},
        {"empty and blank headers are skipped",
         {"", "   ", "mx.example.org; spf=pass"},
         {},
         "mx.example.org",
         "pass",
         "",
         "",
         {"spf=pass"}},
        {"a header that starts with a result has no authserv-id and is skipped",
         {"spf=pass; dkim=pass", "mx.example.org; dkim=fail"},
         {},
         "mx.example.org",
         "",
         "fail",
         "",
         {"dkim=fail"}},
        {"unterminated comment swallows the rest",
         {"mx.example.org; spf=pass (unterminated; dkim=pass"},
         {},
         "mx.example.org",
         "pass",
         "",
         "",
         {"spf=pass"}},
        {"unterminated quote",
         {"mx.example.org; dkim=fail reason=\"open; spf=pass"},
         {},
         "mx.example.org",
         "",
         "fail",
         "",
         {"dkim=fail reason=\"open; spf=pass\""}},
        {"garbage between results",
         {"mx.example.org; ;; = ; =pass; spf=; dkim=pass header.d=example.org junkword"},
         {},
         "mx.example.org",
         "",
         "pass",
         "",
         {"dkim=pass header.d=example.org"}},
    };

    for (const auto& row : rows)
    {
        INFO(row.name);
        AuthenticationVerdicts v = parseAuthenticationResults(row.headers, row.trusted);
        CHECK(v.authservId == row.authservId);
        CHECK(v.spf == row.spf);
        CHECK(v.dkim == row.dkim);
        CHECK(v.dmarc == row.dmarc);
        CHECK(v.details == row.details);
    }
}

TEST_CASE("Authentication-Results never throws on hostile values", "[domain][mail][authres]")
{
    std::vector<std::string> hostile = {
        std::string(100000, '('), std::string(100000, '"'), std::string(100000, ';'),
        std::string(100000, '\\'), "x; " + std::string(50000, '=') , std::string("a\0b; spf=pass", 13),
        "(\\", "\"\\", "mx;\xff\xfe=\x80"};
    for (const auto& h : hostile)
    {
        CHECK_NOTHROW(parseAuthenticationResults({h}, {}));
        CHECK_NOTHROW(parseAuthenticationResults({h}, {"mx.example.org"}));
    }
    CHECK(parseAuthenticationResults({std::string("a\0b; spf=pass", 13)}, {}).spf == "pass");
}
