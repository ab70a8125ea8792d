#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/server/Cli.h"

int main(int argc, char** argv)
{
    // First, before any thread or output: OpenMP reads its thread limit only when it loads (see there).
    proofdesk::ensureSingleThreadedOcr(argc, argv);
    return proofdesk::runCli(argc, argv);
}
