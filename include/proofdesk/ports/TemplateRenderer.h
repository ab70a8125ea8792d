#pragma once

#include <map>
#include <string>
#include <vector>

namespace proofdesk
{

/// Values for a template: plain values, and named lists of nested data for repeated or optional sections
/// (a list with one empty element shows a section once).
struct TemplateData
{
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<TemplateData>> lists;

    TemplateData& set(const std::string& key, std::string value)
    {
        values[key] = std::move(value);
        return *this;
    }
    /// Appends an element to the list `name` and returns it for filling.
    TemplateData& add(const std::string& name)
    {
        return lists[name].emplace_back();
    }
    /// Shows the section `name` once (when `on`).
    TemplateData& show(const std::string& name, bool on = true)
    {
        if (on)
            add(name);
        return *this;
    }
};

/// A rendered notification: the subject and the two parts.
struct RenderedEmail
{
    std::string subject;
    std::string text;
    std::string html;
};

/// Renders the templates of templates/: email kinds (one subject, one text and one HTML part each) and pages.
/// HTML templates escape every value for its context (auto-escaping).
class TemplateRenderer
{
public:
    virtual ~TemplateRenderer() = default;

    /// Renders the kind's subject, text and HTML. Throws Error(Configuration) when a template is missing or
    /// broken.
    virtual RenderedEmail renderEmail(const std::string& kind, const TemplateData& data) = 0;

    /// True when all three templates of this kind exist and parse.
    virtual bool hasEmail(const std::string& kind) = 0;

    /// Renders templates/html/<name>.tpl. Throws Error(Configuration) when missing or broken.
    virtual std::string renderPage(const std::string& name, const TemplateData& data) = 0;
};

} // namespace proofdesk
