#pragma once

namespace proofdesk
{

/// The `proofdesk` command: parses the subcommand and its options, runs it, returns the exit code.
int runCli(int argc, char** argv);

} // namespace proofdesk
