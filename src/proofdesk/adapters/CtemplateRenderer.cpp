#include "proofdesk/adapters/CtemplateRenderer.h"

#include "proofdesk/domain/Error.h"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

#include <filesystem>
#include <fstream>

namespace proofdesk
{

namespace
{

void fill(ctemplate::TemplateDictionary& dict, const TemplateData& data)
{
    for (const auto& [key, value] : data.values)
        dict.SetValue(key, value);
    for (const auto& [name, items] : data.lists)
    {
        for (const TemplateData& item : items)
        {
            ctemplate::TemplateDictionary* section = dict.AddSectionDictionary(name);
            fill(*section, item);
        }
    }
}

std::string oneLine(std::string value)
{
    for (char& c : value)
    {
        if (c == '\r' || c == '\n' || c == '\t')
            c = ' ';
    }
    std::size_t start = value.find_first_not_of(' ');
    std::size_t end = value.find_last_not_of(' ');
    return start == std::string::npos ? std::string() : value.substr(start, end - start + 1);
}

} // namespace

CtemplateRenderer::CtemplateRenderer(const std::string& root)
    : _root(root), _cache(std::make_unique<ctemplate::TemplateCache>())
{
    if (!std::filesystem::is_directory(root))
        throw Error(ErrorCode::Configuration, "template folder not found: " + root);
    _cache->SetTemplateRootDirectory(root);
}

CtemplateRenderer::~CtemplateRenderer() = default;

void CtemplateRenderer::checkEscaping(const std::string& file)
{
    std::ifstream in(_root + "/" + file);
    std::string first;
    std::getline(in, first);
    if (first.find("{{%AUTOESCAPE context=\"HTML\"}}") == std::string::npos)
        throw Error(ErrorCode::Configuration,
                    "template " + file + " must begin with {{%AUTOESCAPE context=\"HTML\"}} so its values are escaped");
}

std::string CtemplateRenderer::expand(const std::string& file, const TemplateData& data)
{
    if (file.size() > 9 && file.compare(file.size() - 9, 9, ".html.tpl") == 0)
        checkEscaping(file);
    else if (file.rfind("html/", 0) == 0)
        checkEscaping(file);
    ctemplate::TemplateDictionary dict(file);
    fill(dict, data);
    std::string out;
    bool ok = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        // Text parts keep their blank lines (paragraphs); HTML may lose them.
        bool html = file.rfind("html/", 0) == 0 || file.find(".html.") != std::string::npos;
        ok = _cache->ExpandWithData(file, html ? ctemplate::STRIP_BLANK_LINES : ctemplate::DO_NOT_STRIP, &dict,
                                    nullptr, &out);
    }
    if (!ok)
        throw Error(ErrorCode::Configuration, "template " + file + " is missing or does not parse (under " + _root + ")");
    return out;
}

RenderedEmail CtemplateRenderer::renderEmail(const std::string& kind, const TemplateData& data)
{
    RenderedEmail email;
    email.subject = oneLine(expand("email/" + kind + ".subject.tpl", data));
    email.text = expand("email/" + kind + ".txt.tpl", data);
    email.html = expand("email/" + kind + ".html.tpl", data);
    return email;
}

bool CtemplateRenderer::hasEmail(const std::string& kind)
{
    for (const char* part : {".subject.tpl", ".txt.tpl", ".html.tpl"})
    {
        std::string file = "email/" + kind + part;
        if (!std::filesystem::is_regular_file(_root + "/" + file))
            return false;
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_cache->LoadTemplate(file, std::string(part) == ".html.tpl" ? ctemplate::STRIP_BLANK_LINES
                                                                          : ctemplate::DO_NOT_STRIP))
            return false;
    }
    return true;
}

std::string CtemplateRenderer::renderPage(const std::string& name, const TemplateData& data)
{
    TemplateData layout = data;
    layout.lists.clear();
    for (const auto& [key, items] : data.lists)
    {
        // The layout sees the page's flags (signed-in, messages) but not its big lists.
        if (key.rfind("LAYOUT_", 0) == 0)
            layout.lists[key] = items;
    }
    layout.values["BODY"] = expand("html/" + name + ".tpl", data);
    return expand("html/layout.tpl", layout);
}

} // namespace proofdesk
