#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/app.h"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // The model is millions of small nodes that live until exit. glibc's fastbins then make
  // every larger request consolidate them first (a tenth of a 100 MB plan's run, measured
  // with perf); without fastbins, the per-thread cache still serves the small sizes.
  mallopt(M_MXFAST, 0);
#endif
  return iaclint::RunCli(argc, argv);
}
