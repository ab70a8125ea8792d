#pragma once

#include <array>
#include <map>
#include <utility>
#include <string>
#include <vector>

namespace proofdesk
{

/// Where a field's value was read (SPEC 4), best source first.
enum class FieldSource
{
    Pdf417,   // the AAMVA barcode on the back of a U.S. license or ID card
    Mrz,      // a passport's machine-readable zone, check digits verified
    PdfText,  // the text layer of a born-digital PDF
    Ocr       // Tesseract on the pixels
};

/// "pdf417", "mrz", "pdf_text", "ocr": the names of the `extract` JSON contract.
const char* fieldSourceName(FieldSource source) noexcept;

/// A rectangle on a page, in the page's pixels as rendered for reading (for outlines on the case page).
struct Region
{
    int page = 0;
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

/// One extracted field, normalised as SPEC 4 says (names upper case, dates YYYY-MM-DD, states two-letter
/// USPS, ZIP or ZIP+4).
struct ExtractedField
{
    std::string value;
    double confidence = 0.0;  // 0..1; low confidence is reported, not hidden
    FieldSource source = FieldSource::Ocr;
    std::vector<Region> regions;  // where on the document it was read, when known
};

/// The field names of the `extract` contract (SPEC 4).
const std::vector<std::string>& extractionFieldNames();

/// The size, in pixels, of a page as it was read (the coordinate space of its regions).
struct PageSize
{
    int width = 0;
    int height = 0;
};

/// How a page as read maps onto the page as stored (a phone photo flattened, a page turned): a homography
/// from the read page's pixels to the original image's, row-major, and the original's size.
struct PageTransform
{
    std::array<double, 9> matrix{1, 0, 0, 0, 1, 0, 0, 0, 1};
    int originalWidth = 0;
    int originalHeight = 0;
};

/// Where the read page's point (x, y) lies on the original image.
std::pair<double, double> mapToOriginal(const PageTransform& transform, double x, double y);

/// What reading one document produced.
struct Extraction
{
    std::string documentType = "unknown";  // drivers_license, state_id, passport, bank_statement, utility_bill,
                                           // payroll_statement, unknown
    int pages = 0;
    std::map<std::string, ExtractedField> fields;  // keyed by extractionFieldNames()
    std::vector<std::string> notes;                // readable remarks (e.g. "MRZ composite check digit failed")
    std::vector<PageSize> pageSizes;               // per page read; empty when unknown
    bool regionsOnOriginal = true;                 // regions scale linearly onto the original page (false when
                                                   // the page was flattened or turned before reading)
    std::map<std::string, ExtractedField> visualZone;  // a passport read from its MRZ: the printed page's own
                                                       // fields as OCR read them (for mrz_visual_agree); empty
                                                       // otherwise
    std::vector<PageTransform> pageTransforms;     // per page read, when known: outlines for flattened or turned
                                                   // pages are drawn through them
    std::vector<std::string> caseReferences;       // proofdesk case references (PD-XXXX-XXXX) seen in the text of
                                                   // any page read, canonical (a fax cover sheet names its case)
};

} // namespace proofdesk
