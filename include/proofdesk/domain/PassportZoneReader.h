#pragma once

#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldCandidates.h"

#include <chrono>

namespace proofdesk
{

/// Reads a passport data page's visual zone (for when its MRZ could not be read): Surname and Given
/// names (first name and middle names), Date of birth, Date of issue, Date of expiration ("14 JUN 1979",
/// "14 Jun/Juin 79"...; by order when unlabelled), Passport No., Sex, and issuing_authority (USA for "United
/// States of America", otherwise the three-letter issuing-state code printed under "Code").
void readPassportZoneFields(const DocumentLayout& layout, std::chrono::sys_days today, FieldCandidates& fields);

} // namespace proofdesk
