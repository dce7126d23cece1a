#include <cstdlib>  // defines __GLIBC__ on glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/app.h"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // The model is millions of small nodes that live until exit. glibc's fastbins then make
  // every larger request consolidate them first (a twentieth of a 100 MB plan's run,
  // measured with perf); without fastbins, the per-thread cache still serves small sizes.
  mallopt(M_MXFAST, 0);
#endif
  return iaclint::RunCli(argc, argv);
}
