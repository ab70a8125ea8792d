#pragma once

#include "proofdesk/ports/OcrEngine.h"

#include <chrono>
#include <memory>
#include <string>
#include <utility>

namespace proofdesk
{

/// How TesseractOcr is set up.
struct TesseractOcrSettings
{
    std::string tessdataPath = "/usr/share/tesseract-ocr/5/tessdata";  // holds eng and osd .traineddata
    std::string language = "eng";
    int engines = 0;  // text engines kept warm (and at most this many orientation engines); 0: parallelOcrWorkers()
    std::chrono::milliseconds leaseTimeout{60000};  // how long a call waits for a free engine
};

/// OcrEngine on Tesseract 5 (LSTM only: Debian's eng.traineddata has no legacy model).
///
/// Engines: a TessBaseAPI takes a good part of a second to initialise, so `engines` of them are initialised
/// once, in the constructor, and leased to one calling thread at a time (never shared). Orientation uses
/// separate engines initialised with "osd" (Tesseract's orientation detector needs the legacy classifier,
/// which osd.traineddata does carry), created on first use, at most `engines` of them. A call waits at most
/// `leaseTimeout` for a free engine. An engine that failed in the middle of a call is discarded and
/// replaced on a later call.
///
/// Threads: each call caps OpenMP on its own thread (omp_set_max_active_levels(0), looked up in the libgomp
/// Tesseract loaded), so one call uses one core even when OMP_THREAD_LIMIT was not set before start-up;
/// ensureSingleThreadedOcr() (OcrThreads.h) sets that variable for the whole process as well.
///
/// Locale: Tesseract parses its model and parameters with the C library and needs LC_NUMERIC to be "C".
/// The constructor sets LC_NUMERIC (only) to "C", once; setlocale is process-wide and not thread-safe, so
/// construct TesseractOcr at start-up, before other threads run (the composition root does).
///
/// Nothing stays in memory between calls: each call clears its engine's image and results.
class TesseractOcr : public OcrEngine
{
public:
    /// Initialises the text engines. Throws Error(Configuration) naming the tessdata path and language when
    /// an engine cannot be initialised (missing or broken traineddata), or when `engines` is negative or
    /// leaseTimeout not positive.
    explicit TesseractOcr(TesseractOcrSettings settings = {});
    ~TesseractOcr() override;
    TesseractOcr(const TesseractOcr&) = delete;
    TesseractOcr& operator=(const TesseractOcr&) = delete;

    /// Recognises `image` (grey or BGR) at `dpi` (70 to 2400) with the page segmentation of `layout`
    /// (Auto: PSM_AUTO, SingleBlock: PSM_SINGLE_BLOCK, SingleLine: PSM_SINGLE_LINE, Sparse: PSM_SPARSE_TEXT),
    /// keeping to `characters` when not empty. Words come in reading order with boxes in the image's pixels
    /// (Region::page 0) and line numbers from 0. Throws Error(InvalidInput) for an empty or malformed image
    /// view (no data, a side of 0 or beyond 32767, channels other than 1 or 3, stride too small) or a dpi out
    /// of range, Error(Unavailable) when no engine is free within leaseTimeout, Error(Internal) when
    /// Tesseract itself fails.
    OcrResult recognize(const ImageView& image, TextLayout layout, int dpi,
                        const std::string& characters = {}) override;

    /// Tesseract's orientation detection (PSM_OSD_ONLY). Returns the clockwise rotation that makes the page
    /// upright and a confidence 1 - exp(-c / 5) from Tesseract's orientation confidence c (Tesseract calls
    /// 15 "reasonably confident": 0.95); {0, 0} when it finds too little text to tell. Throws as recognize().
    std::pair<int, float> orientation(const ImageView& image, int dpi) override;

    /// The number of text engines kept warm.
    int engines() const noexcept;

private:
    class Pool;

    TesseractOcrSettings _settings;
    std::unique_ptr<Pool> _text;
    std::unique_ptr<Pool> _osd;
};

} // namespace proofdesk
