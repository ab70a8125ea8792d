#pragma once

#include "proofdesk/ports/TemplateRenderer.h"

#include <memory>
#include <mutex>
#include <string>

namespace ctemplate
{
class TemplateCache;
}

namespace proofdesk
{

/// TemplateRenderer on ctemplate, reading templates/ at `root`. Every HTML template must start with an
/// AUTOESCAPE pragma (context HTML), so each value is escaped for where it lands; a template without one
/// is refused. Pages are rendered into html/layout.tpl as BODY.
class CtemplateRenderer : public TemplateRenderer
{
public:
    explicit CtemplateRenderer(const std::string& root);
    ~CtemplateRenderer() override;

    RenderedEmail renderEmail(const std::string& kind, const TemplateData& data) override;
    bool hasEmail(const std::string& kind) override;
    std::string renderPage(const std::string& name, const TemplateData& data) override;

private:
    std::string expand(const std::string& file, const TemplateData& data);
    void checkEscaping(const std::string& file);

    std::string _root;
    std::mutex _mutex;
    std::unique_ptr<ctemplate::TemplateCache> _cache;
};

} // namespace proofdesk
