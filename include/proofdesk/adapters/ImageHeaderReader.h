#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// What the header of one image (or one TIFF page) declares, read without decoding a pixel.
struct ImageFrameHeader
{
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    int samplesPerPixel = 1;
    int bitsPerSample = 8;
    std::uint64_t tileWidth = 0; // TIFF tiles; 0 when the page is stored in strips
    std::uint64_t tileHeight = 0;
    double xResolution = 0; // pixels per inch (TIFF X/YResolution in inches or centimetres, PNG pHYs, JPEG JFIF
                            // density); 0 when absent, invalid or in no absolute unit
    double yResolution = 0;
    std::uint64_t directoryOffset = 0; // TIFF: where this page's image file directory starts
};

/// Reads the declared size of PNG, JPEG and TIFF images from their headers so that limits can be checked
/// before a decoder allocates anything, and checks that the file's structure is complete. Works on
/// untrusted bytes: every offset is bounds-checked; problems throw Error(InvalidInput) naming what is wrong.
/// Stateless, so safe from any thread.
class ImageHeaderReader
{
public:
    /// The PNG IHDR chunk (the file must start with the PNG signature and IHDR), with the resolution of a
    /// pHYs chunk before the image data.
    static ImageFrameHeader readPng(std::string_view bytes);

    /// Checks that the PNG's chunks are intact up to IEND, each with a correct CRC, and that there is image
    /// data (catches truncated and damaged files before libpng reports them on stderr).
    static void checkPngComplete(std::string_view bytes);

    /// The JPEG frame header (SOFn) found by walking the marker segments from SOI, with the resolution of a
    /// JFIF header before it.
    static ImageFrameHeader readJpeg(std::string_view bytes);

    /// Checks that the JPEG has scan data and an end-of-image marker after it (catches truncated files).
    static void checkJpegComplete(std::string_view bytes);

    /// Every page of a TIFF (classic or BigTIFF, either byte order), following the chain of image file
    /// directories. Throws when the chain loops, leaves the file, lacks a width or length, or has more than
    /// maxPages pages.
    static std::vector<ImageFrameHeader> readTiff(std::string_view bytes, int maxPages);

    /// A copy of the TIFF whose header points at `page`'s directory, so that a decoder which reads only
    /// the first page of a file reads that page. `page` must come from readTiff on the same bytes.
    static std::string tiffStartingAt(std::string_view bytes, const ImageFrameHeader& page);
};

} // namespace proofdesk
