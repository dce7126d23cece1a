// Shared by attest.cc and attest_check.cc (internal to report/).
#ifndef IACLINT_REPORT_ATTEST_INTERNAL_H_
#define IACLINT_REPORT_ATTEST_INTERNAL_H_

#include <string>
#include <vector>

#include "report/attest.h"

namespace iaclint {

struct CheckedAttestation {
  const Attestation* a = nullptr;
  std::string control;  ///< the control it concerns ("05"), also for a rule-id attestation
  bool usable = true;
  std::string place;  ///< ".iaclint.yaml:14:5"
};

/// Checks currency (expiry, review period) and evidence files of every attestation; reports
/// IAC0005 for each problem into `findings` and registers evidence files in the model.
std::vector<CheckedAttestation> CheckAttestations(const AttestationInputs& in, Model& model,
                                                  std::vector<Finding>& findings);

/// "path:line:col" of a location in the model.
std::string PlaceIn(const Model& model, const Location& loc);

}  // namespace iaclint

#endif  // IACLINT_REPORT_ATTEST_INTERNAL_H_
