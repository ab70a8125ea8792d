#include "proofdesk/domain/UspsTables.h"

#include "proofdesk/domain/Error.h"

#include <algorithm>
#include <vector>

namespace proofdesk
{

namespace
{

// The rows of a table: TAB-separated columns, with the line each came from.
struct Row
{
    int line = 0;
    std::vector<std::string> columns;
};

std::vector<Row> rowsOf(const UspsTableText& table)
{
    std::vector<Row> rows;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start <= table.text.size())
    {
        std::size_t end = table.text.find('\n', start);
        if (end == std::string_view::npos)
            end = table.text.size();
        std::string_view line = table.text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        Row row;
        row.line = lineNumber;
        std::size_t from = 0;
        while (true)
        {
            const std::size_t tab = line.find('\t', from);
            row.columns.emplace_back(line.substr(from, tab == std::string_view::npos ? line.npos : tab - from));
            if (tab == std::string_view::npos)
                break;
            from = tab + 1;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

[[noreturn]] void refuse(const UspsTableText& table, int line, const std::string& problem)
{
    throw Error(ErrorCode::Configuration, table.sourceName + ":" + std::to_string(line) + ": " + problem);
}

bool isWord(const std::string& word)
{
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
    });
}

void add(std::map<std::string, std::string>& map, const std::string& word, const std::string& standard,
         const UspsTableText& table, int line)
{
    if (!isWord(word))
        refuse(table, line, "\"" + word.substr(0, 40) + "\" is not an upper-case word");
    const auto [it, inserted] = map.emplace(word, standard);
    if (!inserted && it->second != standard)
        refuse(table, line, word + " already stands for " + it->second + ", not " + standard);
}

void expectColumns(const UspsTableText& table, const Row& row, std::size_t count, const char* layout)
{
    if (row.columns.size() != count)
        refuse(table, row.line,
               "expected " + std::to_string(count) + " TAB-separated columns (" + layout + "), found " +
                   std::to_string(row.columns.size()));
}

void expectRows(const UspsTableText& table, const std::vector<Row>& rows)
{
    if (rows.empty())
        throw Error(ErrorCode::Configuration, table.sourceName + ": the table has no rows");
}

} // namespace

UspsTables parseUspsTables(const UspsTableText& streetSuffixes, const UspsTableText& unitDesignators,
                           const UspsTableText& directionals)
{
    UspsTables tables;

    const std::vector<Row> suffixRows = rowsOf(streetSuffixes);
    expectRows(streetSuffixes, suffixRows);
    for (const Row& row : suffixRows)
    {
        expectColumns(streetSuffixes, row, 3, "primary name, common spelling, standard abbreviation");
        for (const std::string& word : row.columns)
            add(tables.streetSuffixes, word, row.columns[2], streetSuffixes, row.line);
    }

    const std::vector<Row> unitRows = rowsOf(unitDesignators);
    expectRows(unitDesignators, unitRows);
    for (const Row& row : unitRows)
    {
        expectColumns(unitDesignators, row, 3, "designator, abbreviation, requires range");
        const std::string& standard = row.columns[1];
        add(tables.unitDesignators, row.columns[0], standard, unitDesignators, row.line);
        add(tables.unitDesignators, standard, standard, unitDesignators, row.line);
        const std::string& range = row.columns[2];
        if (range != "yes" && range != "no")
            refuse(unitDesignators, row.line, "the range column must be yes or no, not \"" + range.substr(0, 40) + "\"");
        const bool withoutRange = range == "no";
        const bool listed = tables.unitsWithoutRange.count(standard) > 0;
        if (withoutRange)
            tables.unitsWithoutRange.insert(standard);
        else if (listed)
            refuse(unitDesignators, row.line, standard + " was listed before as taking no range");
    }

    const std::vector<Row> directionalRows = rowsOf(directionals);
    expectRows(directionals, directionalRows);
    for (const Row& row : directionalRows)
    {
        expectColumns(directionals, row, 2, "directional, abbreviation");
        add(tables.directionals, row.columns[0], row.columns[1], directionals, row.line);
        add(tables.directionals, row.columns[1], row.columns[1], directionals, row.line);
    }
    return tables;
}

} // namespace proofdesk
