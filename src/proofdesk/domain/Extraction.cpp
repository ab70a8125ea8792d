#include "proofdesk/domain/Extraction.h"

namespace proofdesk
{

const char* fieldSourceName(FieldSource source) noexcept
{
    switch (source)
    {
    case FieldSource::Pdf417: return "pdf417";
    case FieldSource::Mrz: return "mrz";
    case FieldSource::PdfText: return "pdf_text";
    case FieldSource::Ocr: return "ocr";
    }
    return "ocr";
}

const std::vector<std::string>& extractionFieldNames()
{
    static const std::vector<std::string> names = {
        "first_name",      "middle_name", "last_name",         "date_of_birth",  "address_line1",   "address_line2",
        "city",            "state",       "postal_code",       "document_number", "issuing_authority", "issue_date",
        "expiration_date", "statement_date", "issuer_name",    "sex"};
    return names;
}

std::pair<double, double> mapToOriginal(const PageTransform& transform, double x, double y)
{
    const auto& m = transform.matrix;
    const double w = m[6] * x + m[7] * y + m[8];
    // A homography of a real page never sends a point of the page to infinity; guard anyway.
    if (w == 0.0)
        return {x, y};
    return {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
}

} // namespace proofdesk
