#pragma once

#include <string>
#include <vector>

namespace proofdesk
{

/// The health of one component, in the status page's terms.
struct ComponentHealth
{
    std::string id;      // web, database, outgoing_mail, documents
    std::string name;    // shown on the status page
    std::string status;  // operational, issues_reported, planned_outage, system_outage
    std::string detail;  // short, no PII
};

/// Where the web layer learns how the components are doing (the composition root implements it).
class HealthSource
{
public:
    virtual ~HealthSource() = default;

    /// A fresh reading of every component.
    virtual std::vector<ComponentHealth> health() = 0;
};

} // namespace proofdesk
