#include "proofdesk/adapters/ImageHeaderReader.h"

#include "proofdesk/domain/Error.h"

#include <algorithm>
#include <array>
#include <set>

namespace proofdesk
{

namespace
{

[[noreturn]] void invalid(const std::string& message)
{
    throw Error(ErrorCode::InvalidInput, message);
}

std::uint8_t byteAt(std::string_view bytes, std::size_t pos)
{
    return static_cast<std::uint8_t>(bytes[pos]);
}

std::uint32_t bigEndian16(std::string_view bytes, std::size_t pos)
{
    return (std::uint32_t{byteAt(bytes, pos)} << 8) | byteAt(bytes, pos + 1);
}

std::uint32_t bigEndian32(std::string_view bytes, std::size_t pos)
{
    return (bigEndian16(bytes, pos) << 16) | bigEndian16(bytes, pos + 2);
}

// ---- PNG

constexpr std::string_view pngSignature{"\x89PNG\r\n\x1a\n", 8};

// CRC-32 as PNG defines it (ISO 3309, reflected, polynomial 0xEDB88320).
constexpr std::array<std::uint32_t, 256> makeCrcTable()
{
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n)
    {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

constexpr std::array<std::uint32_t, 256> crcTable = makeCrcTable();

std::uint32_t pngCrc(std::string_view bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes)
        crc = crcTable[(crc ^ static_cast<std::uint8_t>(c)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

int pngChannels(std::uint8_t colorType)
{
    switch (colorType)
    {
    case 0:
        return 1; // grey
    case 2:
        return 3; // RGB
    case 3:
        return 1; // palette
    case 4:
        return 2; // grey + alpha
    case 6:
        return 4; // RGBA
    default:
        return 0;
    }
}

// ---- JPEG

struct JpegSegment
{
    std::uint8_t marker = 0;
    std::size_t payload = 0; // first byte after the length field
    std::size_t length = 0;  // payload length (the length field minus its own two bytes)
};

bool isStartOfFrame(std::uint8_t marker)
{
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isStandalone(std::uint8_t marker)
{
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

// Reads the marker segment at pos and returns the position after it.
std::size_t readJpegSegment(std::string_view bytes, std::size_t pos, JpegSegment& segment)
{
    if (pos >= bytes.size())
        invalid("JPEG is truncated: it ends before its image data");
    if (byteAt(bytes, pos) != 0xFF)
        invalid("JPEG is malformed: a marker was expected at byte " + std::to_string(pos));
    while (pos < bytes.size() && byteAt(bytes, pos) == 0xFF) // fill bytes may precede a marker
        ++pos;
    if (pos >= bytes.size())
        invalid("JPEG is truncated: it ends inside a marker");
    segment.marker = byteAt(bytes, pos++);
    segment.payload = pos;
    segment.length = 0;
    if (isStandalone(segment.marker) || segment.marker == 0xD9)
        return pos;
    if (segment.marker == 0x00 || segment.marker == 0xD8)
        invalid("JPEG is malformed: unexpected marker at byte " + std::to_string(pos - 1));
    if (pos + 2 > bytes.size())
        invalid("JPEG is truncated: it ends inside a segment header");
    const std::size_t fieldLength = bigEndian16(bytes, pos);
    if (fieldLength < 2)
        invalid("JPEG is malformed: a segment at byte " + std::to_string(pos) + " has an invalid length");
    if (pos + fieldLength > bytes.size())
        invalid("JPEG is truncated: a segment at byte " + std::to_string(pos) +
                " runs past the end of the file");
    segment.payload = pos + 2;
    segment.length = fieldLength - 2;
    return pos + fieldLength;
}

void checkJpegStart(std::string_view bytes)
{
    if (bytes.size() < 4 || byteAt(bytes, 0) != 0xFF || byteAt(bytes, 1) != 0xD8)
        invalid("not a JPEG: the start-of-image marker is missing");
}

// ---- TIFF

class TiffFile
{
public:
    explicit TiffFile(std::string_view bytes) : _bytes(bytes)
    {
        if (bytes.size() < 8)
            invalid("TIFF is truncated: the header is incomplete");
        if (bytes.substr(0, 2) == "II")
            _littleEndian = true;
        else if (bytes.substr(0, 2) == "MM")
            _littleEndian = false;
        else
            invalid("not a TIFF: unknown byte order mark");
        const std::uint64_t version = unsignedAt(2, 2);
        if (version == 42)
        {
            _big = false;
            _firstOffsetPos = 4;
        }
        else if (version == 43)
        {
            if (bytes.size() < 16 || unsignedAt(4, 2) != 8 || unsignedAt(6, 2) != 0)
                invalid("TIFF is malformed: invalid BigTIFF header");
            _big = true;
            _firstOffsetPos = 8;
        }
        else
        {
            invalid("not a TIFF: unknown version " + std::to_string(version));
        }
    }

    bool big() const { return _big; }
    bool littleEndian() const { return _littleEndian; }
    std::size_t firstOffsetPos() const { return _firstOffsetPos; }
    std::size_t offsetSize() const { return _big ? 8 : 4; }

    std::uint64_t unsignedAt(std::size_t pos, std::size_t size) const
    {
        if (pos > _bytes.size() || size > _bytes.size() - pos)
            invalid("TIFF is truncated: a value at byte " + std::to_string(pos) +
                    " lies past the end of the file");
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < size; ++i)
        {
            const std::size_t index = _littleEndian ? pos + size - 1 - i : pos + i;
            value = (value << 8) | byteAt(_bytes, index);
        }
        return value;
    }

    std::uint64_t offsetAt(std::size_t pos) const { return unsignedAt(pos, offsetSize()); }

    std::vector<ImageFrameHeader> pages(int maxPages) const
    {
        std::vector<ImageFrameHeader> result;
        std::set<std::uint64_t> visited;
        std::uint64_t offset = offsetAt(_firstOffsetPos);
        if (offset == 0)
            invalid("TIFF has no pages");
        while (offset != 0)
        {
            if (result.size() >= static_cast<std::size_t>(std::max(maxPages, 0)))
                invalid("TIFF has more than " + std::to_string(maxPages) + " pages; the limit is " +
                        std::to_string(maxPages));
            if (!visited.insert(offset).second)
                invalid("TIFF is malformed: its chain of pages loops back to byte " + std::to_string(offset));
            const int pageNumber = static_cast<int>(result.size()) + 1;
            if (offset < _firstOffsetPos + offsetSize() || offset >= _bytes.size())
                invalid("TIFF is malformed: page " + std::to_string(pageNumber) + " starts outside the file");
            std::uint64_t next = 0;
            result.push_back(readDirectory(static_cast<std::size_t>(offset), pageNumber, next));
            offset = next;
        }
        return result;
    }

private:
    static std::size_t typeSize(std::uint64_t type)
    {
        switch (type)
        {
        case 1:
        case 2:
        case 6:
        case 7:
            return 1; // BYTE, ASCII, SBYTE, UNDEFINED
        case 3:
        case 8:
            return 2; // SHORT, SSHORT
        case 4:
        case 9:
        case 11:
        case 13:
            return 4; // LONG, SLONG, FLOAT, IFD
        case 5:
        case 10:
        case 12:
            return 8; // RATIONAL, SRATIONAL, DOUBLE
        case 16:
        case 17:
        case 18:
            return 8; // LONG8, SLONG8, IFD8 (BigTIFF)
        default:
            return 0;
        }
    }

    struct Entry
    {
        std::uint64_t tag = 0;
        std::uint64_t type = 0;
        std::uint64_t count = 0;
        std::size_t valuePos = 0; // where the first value is, inline or at its offset; bounds-checked
    };

    Entry readEntry(std::size_t pos) const
    {
        Entry entry;
        entry.tag = unsignedAt(pos, 2);
        entry.type = unsignedAt(pos + 2, 2);
        entry.count = unsignedAt(pos + 4, _big ? 8 : 4);
        const std::size_t fieldPos = pos + (_big ? 12 : 8);
        const std::size_t size = typeSize(entry.type);
        if (size == 0 || entry.count == 0)
            return entry; // unknown type or no value: ignored, like readers do
        if (entry.count > _bytes.size() / size)
            invalid("TIFF is malformed: tag " + std::to_string(entry.tag) +
                    " claims more values than the file holds");
        const std::uint64_t total = entry.count * size;
        if (total <= offsetSize())
        {
            entry.valuePos = fieldPos;
        }
        else
        {
            const std::uint64_t valueOffset = offsetAt(fieldPos);
            if (valueOffset > _bytes.size() || total > _bytes.size() - valueOffset)
                invalid("TIFF is truncated: the value of tag " + std::to_string(entry.tag) +
                        " lies past the end of the file");
            entry.valuePos = static_cast<std::size_t>(valueOffset);
        }
        return entry;
    }

    std::uint64_t firstUnsigned(const Entry& entry) const
    {
        switch (entry.type)
        {
        case 1:
            return unsignedAt(entry.valuePos, 1);
        case 3:
            return unsignedAt(entry.valuePos, 2);
        case 4:
            return unsignedAt(entry.valuePos, 4);
        case 16:
            return unsignedAt(entry.valuePos, 8);
        default:
            return 0;
        }
    }

    double firstRational(const Entry& entry) const
    {
        if (entry.type != 5)
            return 0;
        const double numerator = static_cast<double>(unsignedAt(entry.valuePos, 4));
        const double denominator = static_cast<double>(unsignedAt(entry.valuePos + 4, 4));
        return denominator > 0 ? numerator / denominator : 0;
    }

    ImageFrameHeader readDirectory(std::size_t pos, int pageNumber, std::uint64_t& next) const
    {
        const std::size_t countSize = _big ? 8 : 2;
        const std::size_t entrySize = _big ? 20 : 12;
        const std::uint64_t count = unsignedAt(pos, countSize);
        const std::size_t entriesPos = pos + countSize;
        if (count > (_bytes.size() - std::min(entriesPos, _bytes.size())) / entrySize)
            invalid("TIFF is truncated: the directory of page " + std::to_string(pageNumber) +
                    " runs past the end of the file");
        ImageFrameHeader header;
        header.directoryOffset = pos;
        bool hasWidth = false;
        bool hasHeight = false;
        std::uint64_t resolutionUnit = 2; // the inch, TIFF's default
        for (std::uint64_t i = 0; i < count; ++i)
        {
            const Entry entry = readEntry(entriesPos + static_cast<std::size_t>(i) * entrySize);
            if (entry.valuePos == 0)
                continue;
            switch (entry.tag)
            {
            case 256:
                header.width = firstUnsigned(entry);
                hasWidth = true;
                break;
            case 257:
                header.height = firstUnsigned(entry);
                hasHeight = true;
                break;
            case 258:
                header.bitsPerSample =
                    static_cast<int>(std::min<std::uint64_t>(firstUnsigned(entry), 1u << 16));
                break;
            case 277:
                header.samplesPerPixel =
                    static_cast<int>(std::min<std::uint64_t>(firstUnsigned(entry), 1u << 16));
                break;
            case 282:
                header.xResolution = firstRational(entry);
                break;
            case 283:
                header.yResolution = firstRational(entry);
                break;
            case 296:
                resolutionUnit = firstUnsigned(entry);
                break;
            case 322:
                header.tileWidth = firstUnsigned(entry);
                break;
            case 323:
                header.tileHeight = firstUnsigned(entry);
                break;
            default:
                break;
            }
        }
        // Resolutions in pixels per inch: per centimetre (3) converted, with no absolute unit (1) none.
        const double perInch = resolutionUnit == 2 ? 1.0 : resolutionUnit == 3 ? 2.54 : 0.0;
        header.xResolution *= perInch;
        header.yResolution *= perInch;
        const std::string page = "TIFF page " + std::to_string(pageNumber);
        if (!hasWidth || header.width == 0)
            invalid(page + " does not declare its width");
        if (!hasHeight || header.height == 0)
            invalid(page + " does not declare its height");
        next = offsetAt(entriesPos + static_cast<std::size_t>(count) * entrySize);
        return header;
    }

    std::string_view _bytes;
    bool _littleEndian = true;
    bool _big = false;
    std::size_t _firstOffsetPos = 4;
};

} // namespace

ImageFrameHeader ImageHeaderReader::readPng(std::string_view bytes)
{
    if (bytes.size() < pngSignature.size() || bytes.substr(0, pngSignature.size()) != pngSignature)
        invalid("not a PNG: the signature is missing");
    // signature (8) + IHDR length and type (8) + IHDR data (13) + CRC (4)
    if (bytes.size() < 33)
        invalid("PNG is truncated: the header chunk is incomplete");
    if (bigEndian32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR")
        invalid("PNG is malformed: it does not start with a valid IHDR chunk");
    ImageFrameHeader header;
    header.width = bigEndian32(bytes, 16);
    header.height = bigEndian32(bytes, 20);
    header.bitsPerSample = byteAt(bytes, 24);
    header.samplesPerPixel = pngChannels(byteAt(bytes, 25));
    // The PNG specification caps each dimension at 2^31 - 1.
    constexpr std::uint64_t pngMaxDimension = 0x7FFFFFFF;
    if (header.width == 0 || header.height == 0 || header.width > pngMaxDimension ||
        header.height > pngMaxDimension)
        invalid("PNG is malformed: it declares an invalid size of " + std::to_string(header.width) + " x " +
                std::to_string(header.height) + " pixels");
    if (header.samplesPerPixel == 0)
        invalid("PNG is malformed: unknown color type " + std::to_string(byteAt(bytes, 25)));
    // The physical pixel size (pHYs), which comes before the image data: only in pixels per metre is it a
    // resolution (unit 0 gives the pixels' aspect alone). Chunks that run past the end are left to
    // checkPngComplete; here they only end the search.
    std::size_t pos = 33;
    while (pos + 8 <= bytes.size())
    {
        const std::uint64_t length = bigEndian32(bytes, pos);
        const std::string_view type = bytes.substr(pos + 4, 4);
        if (type == "IDAT" || type == "IEND" || length > bytes.size() - pos - 8)
            break;
        if (type == "pHYs" && length == 9 && byteAt(bytes, pos + 16) == 1)
        {
            header.xResolution = static_cast<double>(bigEndian32(bytes, pos + 8)) * 0.0254;
            header.yResolution = static_cast<double>(bigEndian32(bytes, pos + 12)) * 0.0254;
            break;
        }
        pos += static_cast<std::size_t>(12 + length);
    }
    return header;
}

void ImageHeaderReader::checkPngComplete(std::string_view bytes)
{
    readPng(bytes);
    std::size_t pos = pngSignature.size();
    bool hasImageData = false;
    while (pos + 8 <= bytes.size())
    {
        const std::uint64_t length = bigEndian32(bytes, pos);
        const std::string_view type = bytes.substr(pos + 4, 4);
        // length, type, data, CRC
        if (length > bytes.size() || 12 + length > bytes.size() - pos)
            invalid("PNG is truncated: chunk at byte " + std::to_string(pos) +
                    " runs past the end of the file");
        // Checked here rather than left to libpng, which reports a bad CRC on stderr before failing.
        const std::size_t dataEnd = pos + 8 + static_cast<std::size_t>(length);
        if (pngCrc(bytes.substr(pos + 4, 4 + static_cast<std::size_t>(length))) !=
            bigEndian32(bytes, dataEnd))
            invalid("PNG is damaged: the " + std::string(type) + " chunk at byte " + std::to_string(pos) +
                    " fails its checksum");
        if (type == "IDAT")
            hasImageData = true;
        if (type == "IEND")
        {
            if (!hasImageData)
                invalid("PNG is malformed: it has no image data (IDAT chunk)");
            return;
        }
        pos += static_cast<std::size_t>(12 + length);
    }
    invalid("PNG is truncated: the end chunk (IEND) is missing");
}

ImageFrameHeader ImageHeaderReader::readJpeg(std::string_view bytes)
{
    checkJpegStart(bytes);
    std::size_t pos = 2;
    double xDensity = 0;
    double yDensity = 0;
    for (;;)
    {
        JpegSegment segment;
        pos = readJpegSegment(bytes, pos, segment);
        // The JFIF header's density, when its unit is the inch (1) or the centimetre (2); unit 0 gives the
        // pixels' aspect alone.
        static constexpr std::string_view jfif{"JFIF\0", 5};
        if (segment.marker == 0xE0 && segment.length >= 12 && bytes.substr(segment.payload, 5) == jfif)
        {
            const int unit = byteAt(bytes, segment.payload + 7);
            const double perInch = unit == 1 ? 1.0 : unit == 2 ? 2.54 : 0.0;
            xDensity = perInch * static_cast<double>(bigEndian16(bytes, segment.payload + 8));
            yDensity = perInch * static_cast<double>(bigEndian16(bytes, segment.payload + 10));
        }
        if (segment.marker == 0xD9)
            invalid("JPEG is malformed: it ends before its frame header");
        if (segment.marker == 0xDA)
            invalid("JPEG is malformed: image data comes before the frame header");
        if (!isStartOfFrame(segment.marker))
            continue;
        if (segment.length < 6)
            invalid("JPEG is malformed: the frame header is too short");
        ImageFrameHeader header;
        header.bitsPerSample = byteAt(bytes, segment.payload);
        header.height = bigEndian16(bytes, segment.payload + 1);
        header.width = bigEndian16(bytes, segment.payload + 3);
        header.samplesPerPixel = byteAt(bytes, segment.payload + 5);
        if (header.width == 0)
            invalid("JPEG is malformed: it declares a width of 0");
        if (header.height == 0)
            invalid("JPEG does not declare its height in the frame header (DNL), which is not supported");
        if (header.samplesPerPixel == 0)
            invalid("JPEG is malformed: it declares no color components");
        header.xResolution = xDensity;
        header.yResolution = yDensity;
        return header;
    }
}

void ImageHeaderReader::checkJpegComplete(std::string_view bytes)
{
    readJpeg(bytes);
    std::size_t pos = 2;
    for (;;)
    {
        JpegSegment segment;
        pos = readJpegSegment(bytes, pos, segment);
        if (segment.marker == 0xD9)
            invalid("JPEG is malformed: it ends before its image data");
        if (segment.marker != 0xDA)
            continue;
        // Inside entropy-coded data a 0xFF byte is followed by 0x00 or a restart marker, so the first
        // FF D9 after the first scan header is the end-of-image marker (progressive files hold more scans).
        static constexpr std::string_view endOfImage{"\xFF\xD9", 2};
        if (bytes.find(endOfImage, pos) == std::string_view::npos)
            invalid("JPEG is truncated: the end-of-image marker is missing");
        return;
    }
}

std::vector<ImageFrameHeader> ImageHeaderReader::readTiff(std::string_view bytes, int maxPages)
{
    return TiffFile(bytes).pages(maxPages);
}

std::string ImageHeaderReader::tiffStartingAt(std::string_view bytes, const ImageFrameHeader& page)
{
    const TiffFile file(bytes);
    if (page.directoryOffset == 0 || page.directoryOffset >= bytes.size())
        invalid("TIFF page directory offset lies outside the file");
    std::string copy(bytes);
    const std::size_t size = file.offsetSize();
    for (std::size_t i = 0; i < size; ++i)
    {
        const std::size_t shift = 8 * (file.littleEndian() ? i : size - 1 - i);
        copy[file.firstOffsetPos() + i] = static_cast<char>((page.directoryOffset >> shift) & 0xFF);
    }
    return copy;
}

} // namespace proofdesk
