#include "proofdesk/server/Cli.h"

int main(int argc, char** argv)
{
    return proofdesk::runCli(argc, argv);
}
