#include "cli/app.h"

#include <iostream>

namespace iaclint {

int RunCli(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::cout << "iaclint " << IACLINT_VERSION << "\n";
  return 0;
}

}  // namespace iaclint
