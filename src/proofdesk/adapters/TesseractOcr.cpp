#include "proofdesk/adapters/TesseractOcr.h"

#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/domain/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/publictypes.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <vector>

namespace proofdesk
{

namespace
{

// Tesseract keeps coordinates in 16-bit boxes; larger images are refused before it sees them.
constexpr int maxSide = 32767;
// Tesseract's own credible range (kMinCredibleResolution, kMaxCredibleResolution).
constexpr int minDpi = 70;
constexpr int maxDpi = 2400;
constexpr const char* whitelistVariable = "tessedit_char_whitelist";

// Tesseract's LSTM requests OpenMP teams with num_threads clauses, which omp_set_num_threads cannot
// lower; a maximum of 0 active levels makes every parallel region on this thread run with a team of one.
// The setting is per thread (a data-environment ICV in libgomp), so each call sets it on its own thread.
// libgomp is Tesseract's dependency, not ours: its function is looked up in the loaded libraries rather
// than linked, and a Tesseract built without OpenMP simply has nothing to limit.
void limitOpenMpOnThisThread()
{
    using SetMaxActiveLevels = void (*)(int);
    static const SetMaxActiveLevels setMaxActiveLevels = []
    {
        void* symbol = ::dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
        SetMaxActiveLevels function = nullptr;
        static_assert(sizeof(symbol) == sizeof(function));
        std::memcpy(&function, &symbol, sizeof(function));
        return function;
    }();
    if (setMaxActiveLevels != nullptr)
        setMaxActiveLevels(0);
}

tesseract::PageSegMode pageSegMode(TextLayout layout)
{
    switch (layout)
    {
    case TextLayout::Auto: return tesseract::PSM_AUTO;
    case TextLayout::SingleBlock: return tesseract::PSM_SINGLE_BLOCK;
    case TextLayout::SingleLine: return tesseract::PSM_SINGLE_LINE;
    case TextLayout::Sparse: return tesseract::PSM_SPARSE_TEXT;
    }
    throw Error(ErrorCode::InvalidInput, "unknown text layout " + std::to_string(static_cast<int>(layout)));
}

void checkInput(const ImageView& image, int dpi)
{
    if (image.data == nullptr || image.width <= 0 || image.height <= 0)
        throw Error(ErrorCode::InvalidInput, "OCR: the image is empty (" + std::to_string(image.width) + " x " +
                                                 std::to_string(image.height) + " pixels" +
                                                 (image.data == nullptr ? ", no data" : "") + ")");
    if (image.width > maxSide || image.height > maxSide)
        throw Error(ErrorCode::InvalidInput, "OCR: the image is " + std::to_string(image.width) + " x " +
                                                 std::to_string(image.height) + " pixels; Tesseract takes at most " +
                                                 std::to_string(maxSide) + " on a side");
    if (image.channels != 1 && image.channels != 3)
        throw Error(ErrorCode::InvalidInput, "OCR: the image has " + std::to_string(image.channels) +
                                                 " channels; 1 (grey) or 3 (BGR) are accepted");
    if (image.stride < image.width * image.channels)
        throw Error(ErrorCode::InvalidInput, "OCR: the image's stride of " + std::to_string(image.stride) +
                                                 " bytes is less than a row (" +
                                                 std::to_string(image.width * image.channels) + " bytes)");
    if (dpi < minDpi || dpi > maxDpi)
        throw Error(ErrorCode::InvalidInput, "OCR: a resolution of " + std::to_string(dpi) +
                                                 " dpi is outside Tesseract's range of " + std::to_string(minDpi) +
                                                 " to " + std::to_string(maxDpi));
}

// Grey pixels for Tesseract: a view of a grey image, a converted copy of a BGR one (Tesseract would take
// 3 bytes per pixel as RGB and weigh the channels the wrong way round).
cv::Mat greyPixels(const ImageView& image)
{
    // cv::Mat never writes through these views; the const_cast only fits its constructor.
    auto* data = const_cast<std::uint8_t*>(image.data);
    const auto stride = static_cast<std::size_t>(image.stride);
    if (image.channels == 1)
        return cv::Mat(image.height, image.width, CV_8UC1, data, stride);
    cv::Mat grey;
    cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC3, data, stride), grey, cv::COLOR_BGR2GRAY);
    return grey;
}

void setImage(tesseract::TessBaseAPI& api, const cv::Mat& grey, int dpi)
{
    // SetImage copies the pixels into Tesseract's own image, so `grey` may go away afterwards.
    api.SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step));
    api.SetSourceResolution(dpi);
}

struct TextDeleter
{
    void operator()(char* text) const noexcept { delete[] text; }
};
using TesseractText = std::unique_ptr<char, TextDeleter>;

OcrResult collectWords(tesseract::TessBaseAPI& api)
{
    OcrResult result;
    const TesseractText text(api.GetUTF8Text());
    if (text != nullptr)
        result.text = text.get();
    const std::unique_ptr<tesseract::ResultIterator> words(api.GetIterator());
    if (words == nullptr)
        return result;
    int line = -1;
    double confidenceSum = 0.0;
    do
    {
        if (words->IsAtBeginningOf(tesseract::RIL_TEXTLINE))
            ++line;
        if (words->Empty(tesseract::RIL_WORD))
            continue;
        const TesseractText wordText(words->GetUTF8Text(tesseract::RIL_WORD));
        if (wordText == nullptr || *wordText == '\0')
            continue;
        int left = 0, top = 0, right = 0, bottom = 0;
        if (!words->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom))
            continue;
        OcrWord word;
        word.text = wordText.get();
        word.confidence = std::clamp(words->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
        word.box = Region{0, left, top, right - left, bottom - top};
        word.line = std::max(line, 0);
        confidenceSum += word.confidence;
        result.words.push_back(std::move(word));
    } while (words->Next(tesseract::RIL_WORD));
    if (!result.words.empty())
        result.confidence = static_cast<float>(confidenceSum / static_cast<double>(result.words.size()));
    return result;
}

// Tesseract's messages ("Empty page!!", resolution estimates, "Too few characters") would flood the log on
// every poor scan; failures reach the caller as Errors instead. debug_file is one process-wide parameter
// that tprintf reads on every message, so it is written once, by the first TesseractOcr at start-up, after
// its text engines are up (so that the messages of a failing first initialisation are still printed).
void quietTesseract()
{
    static std::once_flag once;
    std::call_once(once,
                   []
                   {
                       tesseract::TessBaseAPI settings;
                       settings.SetVariable("debug_file", "/dev/null");
                       // Leptonica reports box clipping on page edges ("Error in boxClipToRectangle") to
                       // stderr; they are not errors of ours and would fill the server's log.
                       setMsgSeverity(L_SEVERITY_NONE);
                   });
}

} // namespace

// Initialised engines of one kind, each lent to one thread at a time. Engines are created on demand up to
// the capacity (or ahead of time by warm()); a discarded engine frees its slot for a new one.
class TesseractOcr::Pool
{
public:
    Pool(std::string dataPath, std::string language, tesseract::OcrEngineMode mode, tesseract::PageSegMode psm,
         int capacity, std::chrono::milliseconds timeout)
        : _dataPath(std::move(dataPath)), _language(std::move(language)), _mode(mode), _psm(psm),
          _capacity(capacity), _timeout(timeout)
    {
    }

    // Creates engines until `count` exist (the constructor's warm-up: no other thread runs yet).
    void warm(int count)
    {
        while (_created < std::min(count, _capacity))
        {
            _idle.push_back(create());
            ++_created;
        }
    }

    std::unique_ptr<tesseract::TessBaseAPI> acquire()
    {
        std::unique_lock lock(_mutex);
        if (!_available.wait_for(lock, _timeout, [this] { return !_idle.empty() || _created < _capacity; }))
            throw Error(ErrorCode::Unavailable, "OCR: no " + _language + " engine became free within " +
                                                    std::to_string(_timeout.count()) + " ms (" +
                                                    std::to_string(_capacity) + " in the pool, all busy)");
        if (!_idle.empty())
        {
            auto engine = std::move(_idle.back());
            _idle.pop_back();
            return engine;
        }
        // Initialising takes long: do it outside the lock, holding the slot.
        ++_created;
        lock.unlock();
        try
        {
            return create();
        }
        catch (...)
        {
            discard();
            throw;
        }
    }

    void release(std::unique_ptr<tesseract::TessBaseAPI> engine) noexcept
    {
        {
            const std::lock_guard lock(_mutex);
            _idle.push_back(std::move(engine));
        }
        _available.notify_one();
    }

    // An engine was destroyed (it failed mid-call): its slot is free for a new one.
    void discard() noexcept
    {
        {
            const std::lock_guard lock(_mutex);
            --_created;
        }
        _available.notify_one();
    }

    int capacity() const noexcept { return _capacity; }

private:
    std::unique_ptr<tesseract::TessBaseAPI> create() const
    {
        auto engine = std::make_unique<tesseract::TessBaseAPI>();
        int status = -1;
        try
        {
            status = engine->Init(_dataPath.c_str(), _language.c_str(), _mode);
        }
        catch (const std::exception& e)
        {
            throw Error(ErrorCode::Configuration, "OCR: Tesseract could not load language '" + _language +
                                                      "' from " + _dataPath + ": " + e.what());
        }
        if (status != 0)
            throw Error(ErrorCode::Configuration, "OCR: Tesseract could not load language '" + _language +
                                                      "' from " + _dataPath + " (is " + _dataPath + "/" +
                                                      _language + ".traineddata there and readable?)");
        engine->SetPageSegMode(_psm);
        // Tesseract's defaults stay. Table detection (about a tenth of a page's time) keeps the cells of a
        // boxed account summary apart: without it a city line beside another cell's rows was cut in two. Lines
        // read again inverted when poorly read: a state ID's light title on a dark band is read only that way.
        return engine;
    }

    const std::string _dataPath;
    const std::string _language;
    const tesseract::OcrEngineMode _mode;
    const tesseract::PageSegMode _psm;
    const int _capacity;
    const std::chrono::milliseconds _timeout;
    std::mutex _mutex;
    std::condition_variable _available;
    std::vector<std::unique_ptr<tesseract::TessBaseAPI>> _idle;  // guarded by _mutex
    int _created = 0;                                           // guarded by _mutex; idle and lent
};

namespace
{

// One engine lent to the current call: given back on scope exit, or destroyed when the call left it in
// doubt. Clears the image and results either way so no document stays in memory.
template <typename Pool> class Lease
{
public:
    explicit Lease(Pool& pool) : _pool(pool), _engine(pool.acquire()) { limitOpenMpOnThisThread(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    ~Lease()
    {
        if (_engine == nullptr)
            return;
        try
        {
            _engine->Clear();
            _pool.release(std::move(_engine));
        }
        catch (...)
        {
            _engine.reset();
            _pool.discard();
        }
    }

    tesseract::TessBaseAPI& engine() noexcept { return *_engine; }

    // Destroys the engine now (its state is in doubt) and frees its slot.
    void discard() noexcept
    {
        // A second failure while destroying is ignored: the engine is gone either way.
        try
        {
            _engine.reset();
        }
        catch (...)
        {
        }
        _pool.discard();
    }

private:
    Pool& _pool;
    std::unique_ptr<tesseract::TessBaseAPI> _engine;
};

// Runs `work` with the leased engine, turning any failure of Tesseract into an Error and discarding the
// engine when it may be left inconsistent.
template <typename Pool, typename Work> auto withEngine(Pool& pool, Work work)
{
    Lease<Pool> lease(pool);
    try
    {
        return work(lease.engine());
    }
    catch (const Error&)
    {
        throw;
    }
    catch (const std::exception& e)
    {
        lease.discard();
        throw Error(ErrorCode::Internal, std::string("OCR: Tesseract failed: ") + e.what());
    }
    catch (...)
    {
        lease.discard();
        throw Error(ErrorCode::Internal, "OCR: Tesseract failed with an unknown exception");
    }
}

} // namespace

TesseractOcr::TesseractOcr(TesseractOcrSettings settings) : _settings(std::move(settings))
{
    if (_settings.engines < 0)
        throw Error(ErrorCode::Configuration,
                    "OCR: the number of engines must be 0 (automatic) or more, not " + std::to_string(_settings.engines));
    if (_settings.leaseTimeout.count() <= 0)
        throw Error(ErrorCode::Configuration, "OCR: the engine lease timeout must be positive");
    if (_settings.language.empty())
        throw Error(ErrorCode::Configuration, "OCR: no Tesseract language given");
    const int engines = _settings.engines > 0 ? _settings.engines : parallelOcrWorkers();

    // Tesseract reads numbers in its model and parameter files with the C library, which follows
    // LC_NUMERIC (a decimal comma would corrupt them; some versions assert). Set here, once, at start-up.
    std::setlocale(LC_NUMERIC, "C");

    _text = std::make_unique<Pool>(_settings.tessdataPath, _settings.language, tesseract::OEM_LSTM_ONLY,
                                   tesseract::PSM_AUTO, engines, _settings.leaseTimeout);
    // Orientation and script detection uses the legacy classifier in osd.traineddata.
    _osd = std::make_unique<Pool>(_settings.tessdataPath, "osd", tesseract::OEM_TESSERACT_ONLY,
                                  tesseract::PSM_OSD_ONLY, engines, _settings.leaseTimeout);
    limitOpenMpOnThisThread();
    _text->warm(engines);
    quietTesseract();
}

TesseractOcr::~TesseractOcr() = default;

int TesseractOcr::engines() const noexcept
{
    return _text->capacity();
}

OcrResult TesseractOcr::recognize(const ImageView& image, TextLayout layout, int dpi, const std::string& characters)
{
    checkInput(image, dpi);
    const tesseract::PageSegMode psm = pageSegMode(layout);
    const cv::Mat grey = greyPixels(image);
    return withEngine(*_text,
                      [&](tesseract::TessBaseAPI& api)
                      {
                          api.SetPageSegMode(psm);
                          // Set on every call (empty = every character) so a previous call's list never
                          // leaks into this one.
                          if (!api.SetVariable(whitelistVariable, characters.c_str()))
                              throw Error(ErrorCode::Internal, "OCR: Tesseract refused its character whitelist");
                          setImage(api, grey, dpi);
                          if (api.Recognize(nullptr) != 0)
                              throw Error(ErrorCode::Internal, "OCR: Tesseract could not recognise the " +
                                                                   std::to_string(grey.cols) + " x " +
                                                                   std::to_string(grey.rows) + " image");
                          OcrResult result = collectWords(api);
                          api.SetVariable(whitelistVariable, "");
                          return result;
                      });
}

std::pair<int, float> TesseractOcr::orientation(const ImageView& image, int dpi)
{
    checkInput(image, dpi);
    const cv::Mat grey = greyPixels(image);
    return withEngine(*_osd,
                      [&](tesseract::TessBaseAPI& api) -> std::pair<int, float>
                      {
                          setImage(api, grey, dpi);
                          int degrees = 0;
                          float confidence = 0.0f;
                          const char* script = nullptr;
                          float scriptConfidence = 0.0f;
                          // False when the page has too few characters to tell.
                          if (!api.DetectOrientationScript(&degrees, &confidence, &script, &scriptConfidence) ||
                              !(confidence > 0.0f))
                              return {0, 0.0f};
                          // Tesseract reports how far the page was turned clockwise; undoing that is the
                          // remaining clockwise turn to a full circle.
                          const int turn = ((360 - degrees) % 360 + 360) % 360;
                          return {turn, static_cast<float>(1.0 - std::exp(-static_cast<double>(confidence) / 5.0))};
                      });
}

} // namespace proofdesk
