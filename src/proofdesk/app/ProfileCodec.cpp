#include "proofdesk/app/ProfileCodec.h"

#include "proofdesk/domain/EmailMessage.h"

#include <map>

namespace proofdesk
{

std::string encodeProfile(const Profile& p)
{
    return encodeFields({{"first_name", p.firstName},
                         {"middle_name", p.middleName},
                         {"last_name", p.lastName},
                         {"date_of_birth", p.dateOfBirth},
                         {"street", p.street},
                         {"unit", p.unit},
                         {"city", p.city},
                         {"state", p.state},
                         {"zip", p.zip},
                         {"email", p.email},
                         {"phone", p.phone}});
}

Profile decodeProfile(const std::string& encoded)
{
    std::map<std::string, std::string> f;
    for (auto& [name, value] : decodeFields(encoded))
        f[name] = std::move(value);
    Profile p;
    p.firstName = f["first_name"];
    p.middleName = f["middle_name"];
    p.lastName = f["last_name"];
    p.dateOfBirth = f["date_of_birth"];
    p.street = f["street"];
    p.unit = f["unit"];
    p.city = f["city"];
    p.state = f["state"];
    p.zip = f["zip"];
    p.email = f["email"];
    p.phone = f["phone"];
    return p;
}

} // namespace proofdesk
