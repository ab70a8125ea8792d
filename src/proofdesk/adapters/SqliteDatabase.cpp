#include "proofdesk/adapters/SqliteDatabase.h"

#include "proofdesk/domain/Error.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace proofdesk
{

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::now;

namespace
{

std::once_flag registerOnce;

[[noreturn]] void unavailable(const std::string& what, const Poco::Exception& e)
{
    throw Error(ErrorCode::Unavailable, "database: " + what + ": " + e.displayText());
}

void bindAll(Poco::Data::Statement& statement, const std::vector<SqlValue>& values)
{
    for (const SqlValue& value : values)
    {
        switch (value.type)
        {
        case SqlValue::Type::Null:
            statement.addBind(Poco::Data::Keywords::use(Poco::Data::Keywords::null));
            break;
        case SqlValue::Type::Integer:
            statement.addBind(bind(static_cast<Poco::Int64>(value.integer)));
            break;
        case SqlValue::Type::Text:
            statement.addBind(bind(value.bytes));
            break;
        case SqlValue::Type::Blob:
            statement.addBind(bind(Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(value.bytes.data()),
                                                    value.bytes.size())));
            break;
        }
    }
}

// Splits a migration file into statements at semicolons that end a line, keeping trigger bodies
// (BEGIN ... END;) together.
std::vector<std::string> splitStatements(const std::string& sql)
{
    std::vector<std::string> statements;
    std::istringstream in(sql);
    std::string line, current;
    bool inTrigger = false;
    while (std::getline(in, line))
    {
        std::string trimmed = line.substr(0, line.find("--"));
        current += line + "\n";
        std::string upper = trimmed;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
        if (upper.find("CREATE TRIGGER") != std::string::npos)
            inTrigger = true;
        auto end = trimmed.find_last_not_of(" \t\r");
        bool endsWithSemicolon = end != std::string::npos && trimmed[end] == ';';
        if (endsWithSemicolon && (!inTrigger || upper.find("END;") != std::string::npos))
        {
            statements.push_back(current);
            current.clear();
            inTrigger = false;
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos)
        statements.push_back(current);
    return statements;
}

} // namespace

bool SqlRow::isNull(const std::string& column) const
{
    return _set.value(column, _row).isEmpty();
}

std::int64_t SqlRow::integer(const std::string& column) const
{
    const Poco::Dynamic::Var& value = _set.value(column, _row);
    return value.isEmpty() ? 0 : value.convert<Poco::Int64>();
}

std::string SqlRow::text(const std::string& column) const
{
    const Poco::Dynamic::Var& value = _set.value(column, _row);
    return value.isEmpty() ? std::string() : value.convert<std::string>();
}

std::string SqlRow::blob(const std::string& column) const
{
    const Poco::Dynamic::Var& value = _set.value(column, _row);
    if (value.isEmpty())
        return {};
    if (value.type() == typeid(Poco::Data::BLOB))
    {
        const auto& b = value.extract<Poco::Data::BLOB>();
        return std::string(reinterpret_cast<const char*>(b.rawContent()), b.size());
    }
    return value.convert<std::string>();
}

SqliteDatabase::SqliteDatabase(const std::string& path, std::size_t poolSize) : _path(path), _poolSize(poolSize)
{
    std::call_once(registerOnce, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
    {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
    }
    auto connection = connect();
    // WAL persists in the file; it lets readers go on while one writer commits.
    connection->query("PRAGMA journal_mode=WAL", {}, [](const SqlRow&) {});
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<Poco::Data::Session> SqliteDatabase::open()
{
    try
    {
        auto session = std::make_unique<Poco::Data::Session>("SQLite", _path);
        *session << "PRAGMA foreign_keys=ON", now;
        *session << "PRAGMA busy_timeout=15000", now;
        *session << "PRAGMA secure_delete=ON", now;
        *session << "PRAGMA synchronous=FULL", now;
        return session;
    }
    catch (const Poco::Exception& e)
    {
        unavailable("cannot open " + _path, e);
    }
}

std::unique_ptr<SqliteDatabase::Connection> SqliteDatabase::connect()
{
    std::unique_ptr<Poco::Data::Session> session;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_idle.empty())
        {
            session = std::move(_idle.back());
            _idle.pop_back();
        }
    }
    if (!session)
        session = open();
    return std::make_unique<Connection>(*this, std::move(session));
}

void SqliteDatabase::giveBack(std::unique_ptr<Poco::Data::Session> session)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_idle.size() < _poolSize)
        _idle.push_back(std::move(session));
}

void SqliteDatabase::rollbackQuietly(Connection& connection)
{
    try
    {
        connection.execute("ROLLBACK");
    }
    catch (...)
    {
        // The transaction may already be gone (SQLite rolls back on some errors by itself).
    }
}

SqliteDatabase::Connection::Connection(SqliteDatabase& db, std::unique_ptr<Poco::Data::Session> session)
    : _db(db), _session(std::move(session))
{
}

SqliteDatabase::Connection::~Connection()
{
    _db.giveBack(std::move(_session));
}

std::size_t SqliteDatabase::Connection::execute(const std::string& sql, const std::vector<SqlValue>& values)
{
    try
    {
        Poco::Data::Statement statement(*_session);
        statement << sql;
        bindAll(statement, values);
        return statement.execute();
    }
    catch (const Poco::Exception& e)
    {
        unavailable(sql.substr(0, sql.find_first_of("(\n")), e);
    }
}

void SqliteDatabase::Connection::query(const std::string& sql, const std::vector<SqlValue>& values,
                                       const std::function<void(const SqlRow&)>& each)
{
    std::size_t rows = 0;
    std::unique_ptr<Poco::Data::RecordSet> set;
    try
    {
        Poco::Data::Statement statement(*_session);
        statement << sql;
        bindAll(statement, values);
        statement.execute();
        set = std::make_unique<Poco::Data::RecordSet>(statement);
        rows = set->rowCount();
    }
    catch (const Poco::Exception& e)
    {
        unavailable(sql.substr(0, sql.find_first_of("(\n")), e);
    }
    for (std::size_t row = 0; row < rows; ++row)
        each(SqlRow(*set, row));
}

std::int64_t SqliteDatabase::Connection::scalar(const std::string& sql, const std::vector<SqlValue>& values,
                                                std::int64_t fallback)
{
    std::int64_t result = fallback;
    // RecordSet columns are read by position here: a scalar query has one column.
    try
    {
        Poco::Data::Statement statement(*_session);
        statement << sql;
        bindAll(statement, values);
        statement.execute();
        Poco::Data::RecordSet set(statement);
        if (set.rowCount() > 0 && !set.value(0, 0).isEmpty())
            result = set.value(0, 0).convert<Poco::Int64>();
    }
    catch (const Poco::Exception& e)
    {
        unavailable(sql.substr(0, sql.find_first_of("(\n")), e);
    }
    return result;
}

int SqliteDatabase::schemaVersion()
{
    auto connection = connect();
    connection->execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                        "NULL, applied_at TEXT NOT NULL)");
    return static_cast<int>(connection->scalar("SELECT MAX(version) FROM schema_migrations", {}, 0));
}

int SqliteDatabase::migrate(const std::string& directory)
{
    int current = schemaVersion();
    std::vector<std::pair<int, std::filesystem::path>> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
    {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".sql" || name.size() < 5 || !std::isdigit(static_cast<unsigned char>(name[0])))
            continue;
        files.emplace_back(std::stoi(name.substr(0, name.find('_'))), entry.path());
    }
    if (ec)
        throw Error(ErrorCode::Configuration, "cannot read migrations in " + directory + ": " + ec.message());
    if (files.empty())
        throw Error(ErrorCode::Configuration, "no migrations found in " + directory);
    std::sort(files.begin(), files.end());
    int applied = 0;
    for (const auto& [version, file] : files)
    {
        if (version <= current)
            continue;
        std::ifstream in(file);
        std::stringstream sql;
        sql << in.rdbuf();
        try
        {
            transaction([&](Connection& c) {
                for (const std::string& statement : splitStatements(sql.str()))
                    c.execute(statement);
                c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
                          "strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                          {SqlValue::of(version), SqlValue::text(file.filename().string())});
            });
        }
        catch (const Error& e)
        {
            throw Error(ErrorCode::Unavailable, "migration " + file.filename().string() + " failed: " + e.what());
        }
        ++applied;
    }
    return applied;
}

bool SqliteDatabase::healthy()
{
    try
    {
        auto connection = connect();
        return connection->scalar("SELECT 1", {}, 0) == 1;
    }
    catch (...)
    {
        return false;
    }
}

} // namespace proofdesk
