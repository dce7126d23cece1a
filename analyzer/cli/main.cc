#include "cli/app.h"

int main(int argc, char** argv) { return iaclint::RunCli(argc, argv); }
