#include "proofdesk/app/CachingDocumentReader.h"

#include "proofdesk/domain/Sha256.h"

namespace proofdesk
{

CachingDocumentReader::CachingDocumentReader(DocumentReader& reader, std::size_t capacity)
    : _reader(reader), _capacity(capacity)
{
}

Extraction CachingDocumentReader::read(std::string_view bytes)
{
    const std::string key = sha256Hex(bytes);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (auto it = _recent.begin(); it != _recent.end(); ++it)
        {
            if (it->first == key)
            {
                _recent.splice(_recent.begin(), _recent, it);
                ++_hits;
                return _recent.front().second;
            }
        }
    }
    // Read outside the lock: readings take seconds and other threads read other documents meanwhile.
    Extraction extraction = _reader.read(bytes);
    std::lock_guard<std::mutex> lock(_mutex);
    _recent.emplace_front(key, extraction);
    while (_recent.size() > _capacity)
        _recent.pop_back();
    return extraction;
}

std::size_t CachingDocumentReader::hits() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _hits;
}

} // namespace proofdesk
