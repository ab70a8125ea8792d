#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace proofdesk
{

/// A value to bind to a `?` placeholder.
struct SqlValue
{
    enum class Type
    {
        Null,
        Integer,
        Text,
        Blob
    };
    Type type = Type::Null;
    std::int64_t integer = 0;
    std::string bytes;

    static SqlValue null() { return {}; }
    static SqlValue of(std::int64_t v) { return {Type::Integer, v, {}}; }
    static SqlValue text(std::string v) { return {Type::Text, 0, std::move(v)}; }
    static SqlValue blob(std::string v) { return {Type::Blob, 0, std::move(v)}; }
};

/// One row of a result, read by column name.
class SqlRow
{
public:
    SqlRow(const Poco::Data::RecordSet& set, std::size_t row) : _set(set), _row(row) {}

    bool isNull(const std::string& column) const;
    std::int64_t integer(const std::string& column) const;
    std::string text(const std::string& column) const;
    std::string blob(const std::string& column) const;

private:
    const Poco::Data::RecordSet& _set;
    std::size_t _row;
};

/// The SQLite database of the embedded default: a small pool of connections with WAL, foreign keys,
/// secure delete and a busy timeout, versioned migrations, and write transactions taken IMMEDIATE so two
/// writers never deadlock on a lock upgrade. Failures become Error(Unavailable) with SQLite's text.
class SqliteDatabase
{
public:
    /// Opens (creating if needed) the database file. Throws Error(Unavailable).
    SqliteDatabase(const std::string& path, std::size_t poolSize = 8);
    ~SqliteDatabase();

    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    /// Applies the migrations of `directory` (files NNNN_name.sql) newer than the schema version, each in
    /// its own transaction. Returns the number applied. Throws Error(Unavailable) naming the file that failed.
    int migrate(const std::string& directory);
    int schemaVersion();

    /// A connection of the pool, for the duration of one unit of work.
    class Connection
    {
    public:
        Connection(SqliteDatabase& db, std::unique_ptr<Poco::Data::Session> session);
        ~Connection();
        Connection(const Connection&) = delete;
        Connection& operator=(const Connection&) = delete;

        /// Executes a statement; returns the number of rows affected.
        std::size_t execute(const std::string& sql, const std::vector<SqlValue>& values = {});
        /// Runs a query; calls `each` per row.
        void query(const std::string& sql, const std::vector<SqlValue>& values,
                   const std::function<void(const SqlRow&)>& each);
        /// The single integer a query returns (COUNT, RETURNING id), or `fallback` when there is no row.
        std::int64_t scalar(const std::string& sql, const std::vector<SqlValue>& values, std::int64_t fallback = 0);

        Poco::Data::Session& session() { return *_session; }

    private:
        SqliteDatabase& _db;
        std::unique_ptr<Poco::Data::Session> _session;
    };

    std::unique_ptr<Connection> connect();

    /// Runs `work` inside BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows if it throws.
    template <typename Work> auto transaction(Work&& work)
    {
        auto connection = connect();
        connection->execute("BEGIN IMMEDIATE");
        try
        {
            if constexpr (std::is_void_v<decltype(work(*connection))>)
            {
                work(*connection);
                connection->execute("COMMIT");
            }
            else
            {
                auto result = work(*connection);
                connection->execute("COMMIT");
                return result;
            }
        }
        catch (...)
        {
            rollbackQuietly(*connection);
            throw;
        }
    }

    /// True when a trivial query succeeds.
    bool healthy();

    const std::string& path() const { return _path; }

private:
    friend class Connection;
    void giveBack(std::unique_ptr<Poco::Data::Session> session);
    static void rollbackQuietly(Connection& connection);
    std::unique_ptr<Poco::Data::Session> open();

    std::string _path;
    std::size_t _poolSize;
    std::mutex _mutex;
    std::vector<std::unique_ptr<Poco::Data::Session>> _idle;
};

} // namespace proofdesk
