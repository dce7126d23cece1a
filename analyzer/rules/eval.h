// Three-valued evaluation of predicates over the model (shared by the engine and operators).
#ifndef IACLINT_RULES_EVAL_H_
#define IACLINT_RULES_EVAL_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/finding.h"
#include "model/model.h"
#include "rules/predicate.h"
#include "rules/run_memo.h"

namespace iaclint {

/// What a predicate looks at: a value inside a resource (or nothing, at account scope).
struct Subject {
  const Value* value = nullptr;  ///< nullptr: absent
  const Resource* resource = nullptr;
  Location anchor;   ///< where to point when the value is absent (closest declared key)
  std::string path;  ///< property path from the resource, for messages and fingerprints
};

struct Outcome {
  Verdict verdict = Verdict::kPass;
  std::string reason;  ///< why it failed or is unknown
  Location where;      ///< the best place to report it
  const Resource* resource = nullptr;  ///< the resource that `where` belongs to
  std::string path;
  std::string evidence;  ///< for PASS: declared, enforced, monitored, ...
  std::vector<const Resource*> witnesses;  ///< for PASS: resources that satisfied it
  std::string category;  ///< for UNKNOWN: what kind of value was missing
  const Resource* target = nullptr;  ///< the resource a reference led to ({target})

  static Outcome Pass() { return Outcome{}; }
  static Outcome Fail(std::string reason, const Subject& at);
  static Outcome Unknown(std::string reason, std::string category, const Subject& at);
};

/// Results that do not depend on the subject, kept for one rule's evaluation (its parameters
/// and the verdicts it can see do not change meanwhile). Without it, an `any_resource` in a
/// per-resource `where` or a `referenced_by` rescans every resource of a type for every
/// subject: quadratic in the resource count.
struct EvalCache {
  /// any_resource before its subject-specific parts are filled in, per predicate and per
  /// fork count at entry (the fork budget can change the outcome), with the count after.
  struct Scan {
    bool none = false;  ///< no resource of the types is declared
    Outcome best;
    size_t forks_after = 0;
  };
  std::map<std::pair<const Predicate*, size_t>, Scan> any_resource;
  /// referenced_by: for a predicate and the subject's type, the resources that refer to each
  /// resource, in the order the predicate's types and the model list them.
  using Referrers = std::unordered_map<const Resource*, std::vector<const Resource*>>;
  std::map<std::pair<const Predicate*, std::string>, Referrers> referrers;
};

struct EvalContext {
  const Model& model;
  const std::map<std::string, Value>& params;
  size_t max_forks = 64;
  size_t forks = 0;
  /// Verdicts of the rules evaluated so far (for rule_passes).
  const std::map<std::string, Verdict>* verdicts = nullptr;
  /// Memo of subject-independent results (nullptr: compute every time).
  EvalCache* cache = nullptr;
  /// Per-run memo for operators that analyse the whole model once (the alarm chain of control
  /// 09), owned by the engine and shared by its threads; nullptr in contexts built by hand
  /// (operators then recompute).
  RunMemo* memo = nullptr;
};

/// Evaluates a predicate on a subject (navigating its path, forking on Choice values).
Outcome Evaluate(const Predicate& p, const Subject& subject, EvalContext& ctx);

/// A predicate's argument with `$param` references replaced by the rule's parameter values.
const Value& ArgValue(const Value& arg, const EvalContext& ctx);

/// A short human description of what a predicate requires ("IsLogging = true").
std::string Describe(const Predicate& p, const EvalContext& ctx);

/// Resources a value refers to: a Ref, the Refs of an interpolated string, or a literal name
/// or ARN of one of `types`. Sets *unknown when the value cannot be resolved.
std::vector<const Resource*> ResolveTargets(const Value& v, const std::vector<std::string>& types,
                                            const EvalContext& ctx, std::string* unknown);

/// A subject for a whole resource (its properties).
Subject ResourceSubject(const Resource& r);

/// Replaces {resource}, {target}, {reason}, {type} and {param} placeholders.
std::string FormatMessage(const std::string& tmpl, const Outcome& outcome,
                          const Resource* resource, const EvalContext& ctx);

}  // namespace iaclint

#endif  // IACLINT_RULES_EVAL_H_
