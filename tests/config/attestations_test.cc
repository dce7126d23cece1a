// Attestations: strict validation with file:line:col, evidence exports checked offline, and
// how they combine with what the code shows.
#include "config/attestations.h"

#include <gtest/gtest.h>

#include "../orgs/orgs_test_util.h"
#include "parse/json_reader.h"
#include "report/evidence.h"

namespace iaclint {
namespace {

const RuleSet& Rules() {
  static const RuleSet set = [] {
    auto loaded = LoadRuleSet(std::string(IACLINT_SOURCE_DIR) + "/rulesets", {});
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? std::move(*loaded) : RuleSet{};
  }();
  return set;
}

// "config.yaml:L:C: message" of the first problem, or "ok".
std::string Validate(const std::string& text, const std::string& today = "2026-06-01") {
  auto config = ParseConfig(text, "config.yaml", 0);
  if (!config.ok()) return FormatFileError("config.yaml", config.error());
  auto ok = ValidateAttestations(*config, Rules(), today);
  return ok.ok() ? "ok" : FormatFileError("config.yaml", ok.error());
}

std::string One(const std::string& fields) {
  return "attestations:\n  - control: \"05\"\n" + fields;
}

const char* kGood =
    "    status: done\n    date: 2026-01-10\n    by: alice@example.com\n"
    "    evidence: [evidence/artifact.pdf]\n";

TEST(AttestationConfig, AcceptsAWellFormedEntryAndNormalisesControls) {
  EXPECT_EQ(Validate(One(kGood)), "ok");
  for (const char* control : {"5", "C05", "c5", "05", "IAC0501"}) {
    auto config = ParseConfig(std::string("attestations:\n  - control: ") + control + "\n" + kGood,
                              "config.yaml", 0);
    ASSERT_TRUE(config.ok());
    ASSERT_TRUE(ValidateAttestations(*config, Rules(), "2026-06-01").ok()) << control;
    EXPECT_EQ(config->attestations[0].control,
              std::string(control) == "IAC0501" ? "IAC0501" : "05");
  }
}

TEST(AttestationConfig, ErrorsAtTheirExactPlace) {
  EXPECT_EQ(Validate("attestations:\n  - control: \"14\"\n" + std::string(kGood)),
            "config.yaml:2:14: unknown control '14' (expected a control 01-13 or a rule id such as "
            "IAC0501)");
  EXPECT_EQ(
      Validate("attestations:\n  - control: IAC9999\n" + std::string(kGood)),
      "config.yaml:2:14: unknown control 'IAC9999' (expected a control 01-13 or a rule id such "
      "as IAC0501)");
  EXPECT_EQ(Validate("attestations:\n  - control: IAC0005\n" + std::string(kGood)),
            "config.yaml:2:14: 'IAC0005' is one of iaclint's own findings, not a baseline rule; "
            "attest a control (01-13) or a rule of one");
  EXPECT_EQ(Validate(One("    status: done\n    by: a\n    evidence: [x]\n")),
            "config.yaml:2:5: attestation is missing 'date'");
  EXPECT_EQ(Validate(One("    status: done\n    date: 2026-01-10\n    evidence: [x]\n")),
            "config.yaml:2:5: attestation is missing 'by'");
  EXPECT_EQ(Validate(One("    status: done\n    date: 2026-01-10\n    by: a\n")),
            "config.yaml:2:5: attestation is missing 'evidence'");
  EXPECT_EQ(Validate(One("    status: done\n    date: 2026-01-10\n    by: a\n    evidence: []\n")),
            "config.yaml:2:5: attestation is missing 'evidence'");
  EXPECT_EQ(
      Validate(One("    status: done\n    date: 2026-07-01\n    by: a\n    evidence: [x]\n")),
      "config.yaml:4:11: date 2026-07-01 is in the future (today is 2026-06-01); an attestation "
      "records a check already made");
  EXPECT_EQ(Validate(One("    status: done\n    date: 2026-02-30\n    by: a\n    evidence: [x]\n")),
            "config.yaml:4:11: date 2026-02-30 is not a calendar date");
  EXPECT_EQ(Validate(One(std::string(kGood) + "    expires: 2025-12-31\n")),
            "config.yaml:7:14: expires 2025-12-31 is before the date 2026-01-10");
  EXPECT_EQ(Validate(One(std::string(kGood) + "    account: \"12345678901\"\n")),
            "config.yaml:7:14: account '12345678901' is not a 12-digit AWS account id");
  EXPECT_EQ(Validate(One(std::string(kGood) + "    reviewed: yes\n")),
            "config.yaml:7:5: unknown key 'reviewed' in attestation");
  EXPECT_EQ(Validate(One("    status: ok\n    date: 2026-01-10\n    by: a\n    evidence: [x]\n")),
            "config.yaml:3:13: status must be done, not-applicable or risk-accepted");
  EXPECT_EQ(Validate(One("    status: done\n    date: 2026-01-10\n    by: a\n"
                         "    evidence: [{path: x}]\n")),
            "config.yaml:6:17: unknown key 'path' in evidence (expected file or url)");
}

TEST(AttestationConfig, ReviewPeriodParameter) {
  EXPECT_EQ(Validate("rules:\n  IAC0005:\n    params: {review_days: 0}\n" + One(kGood)),
            "config.yaml:3:27: review_days must be a whole number of days, at least 1");
  EXPECT_EQ(Validate("rules:\n  IAC0005:\n    params: {days: 10}\n" + One(kGood)),
            "config.yaml:3:20: rule IAC0005 has no parameter 'days' (expected review_days)");
  auto config = ParseConfig("rules:\n  IAC0005:\n    params: {review_days: 90}\n", "c", 0);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(ReviewDays(*config, Rules()), 90);
  EXPECT_EQ(ReviewDays(Config{}, Rules()), 365);
}

TEST(AttestationConfig, Dates) {
  EXPECT_TRUE(IsCalendarDate("2028-02-29"));
  EXPECT_FALSE(IsCalendarDate("2027-02-29"));
  EXPECT_FALSE(IsCalendarDate("2027-13-01"));
  EXPECT_FALSE(IsCalendarDate("27-01-01"));
  EXPECT_EQ(AddDays("2026-01-10", 365), "2027-01-10");
  EXPECT_EQ(AddDays("2028-02-28", 1), "2028-02-29");
}

Value Json(const std::string& text) {
  auto doc = ParseJson(text, 0);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? doc->root : Value();
}

std::vector<std::string> Problems(const std::string& json, const std::string& control) {
  const Value v = Json(json);
  std::vector<std::string> out;
  for (const EvidenceProblem& p : CheckExport(DetectExport(v), v, control, PasswordThresholds{})) {
    out.push_back(std::to_string(p.where.line) + ":" + std::to_string(p.where.column) + " " +
                  p.message);
  }
  return out;
}

TEST(EvidenceExports, AccountSummary) {
  const std::string ok =
      R"({"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}})";
  EXPECT_EQ(DetectExport(Json(ok)), ExportKind::kAccountSummary);
  EXPECT_TRUE(Problems(ok, "01").empty());
  EXPECT_TRUE(Problems(ok, "13").empty());
  EXPECT_EQ(
      Problems(R"({"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1}})", "01"),
      (std::vector<std::string>{"1:38 AccountMFAEnabled is 0, not 1: the root user has no MFA"}));
  EXPECT_EQ(
      Problems(R"({"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 1}})", "13"),
      (std::vector<std::string>{
          "1:69 AccountAccessKeysPresent is 1, not 0: the root user has access keys"}));
  EXPECT_EQ(Problems(R"({"SummaryMap": {}})", "01"),
            (std::vector<std::string>{
                "1:16 AccountMFAEnabled is missing, not 1: the root user has no MFA"}));
  // An export that does not concern the attested control proves nothing against it.
  EXPECT_TRUE(Problems(R"({"SummaryMap": {"AccountMFAEnabled": 0}})", "05").empty());
}

TEST(EvidenceExports, ContactsAndPasswordPolicy) {
  EXPECT_TRUE(
      Problems(R"({"ContactInformation": {"PhoneNumber": "+81 3-1234-5678"}})", "04").empty());
  EXPECT_EQ(
      Problems(R"({"ContactInformation": {"PhoneNumber": "03-1234-5678"}})", "04"),
      (std::vector<std::string>{
          "1:40 PhoneNumber is \"03-1234-5678\", without the international prefix (+81 ...)"}));
  const std::string contact =
      R"({"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "x"}})";
  EXPECT_EQ(AlternateContactType(Json(contact)), "SECURITY");
  EXPECT_EQ(Problems(contact, "02"),
            (std::vector<std::string>{"1:75 the SECURITY contact's EmailAddress is \"x\""}));
  EXPECT_EQ(Problems(R"({"PasswordPolicy": {"MinimumPasswordLength": 14, "RequireSymbols": true,
      "RequireNumbers": true, "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true}})",
                     "11")
                .size(),
            0u);
  EXPECT_EQ(Problems(R"({"PasswordPolicy": {"MinimumPasswordLength": 8, "RequireSymbols": true,
      "RequireNumbers": true, "RequireUppercaseCharacters": true}})",
                     "11"),
            (std::vector<std::string>{"1:46 MinimumPasswordLength is 8, below 12",
                                      "1:20 RequireLowercaseCharacters is missing, not true"}));
  EXPECT_EQ(DetectExport(Json(R"({"Policy": {"Content": "{}"}})")), ExportKind::kNone);
}

const char* kTemplate =
    "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";

const Finding* FindingOf(const CheckRun& run, const std::string& rule) {
  for (const Finding& f : run.report.findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

TEST(Attestations, SatisfyMissingControlsAndSayWhichEvidenceWon) {
  Tree t({{"template.yaml", kTemplate},
          {"evidence/summary.json",
           R"({"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}})"},
          {".iaclint.yaml", R"(rules:
  IAC0005:
    params: {review_days: 36500}
attestations:
  - control: "01"
    status: done
    date: 2026-01-10
    by: alice@example.com
    evidence: [evidence/summary.json]
  - control: "06"
    status: risk-accepted
    date: 2026-01-10
    by: cfo@example.com
    evidence: [https://wiki.example.com/budget-decision]
)"}});
  auto run = Check({t.path("template.yaml")}, t.path(".iaclint.yaml"));
  ASSERT_TRUE(run);
  const Finding* mfa = FindingOf(*run, "IAC0101");
  ASSERT_NE(mfa, nullptr);
  EXPECT_TRUE(mfa->suppressed);
  EXPECT_EQ(mfa->justification.substr(0, 40), "attested by alice@example.com on 2026-01");
  EXPECT_EQ(Control(*run, "01")->status, "PASS");
  EXPECT_EQ(Control(*run, "01")->evidence, "attested");
  EXPECT_EQ(At(run->model, Control(*run, "01")->locations.at(0)), ".iaclint.yaml:5:5");
  EXPECT_EQ(Control(*run, "06")->status, "MANUAL");
  EXPECT_EQ(Control(*run, "06")->evidence, "attested (risk accepted)");
  EXPECT_NE(Control(*run, "06")->detail.find("risk accepted by cfo@example.com"),
            std::string::npos);
  bool evidence_listed = false;
  for (const SourceFile& f : run->model.files()) evidence_listed |= f.type == "evidence";
  EXPECT_TRUE(evidence_listed);
}

TEST(Attestations, NeverHideAViolationFoundInCode) {
  Tree t({{"template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Budget:
    Type: AWS::Budgets::Budget
    Properties:
      Budget: {BudgetType: COST, TimeUnit: MONTHLY}
)"},
          {".iaclint.yaml", R"(attestations:
  - control: "06"
    status: done
    date: 2026-01-10
    by: alice@example.com
    evidence: [https://wiki.example.com/budgets]
)"}});
  auto run = Check({t.path("template.yaml")}, t.path(".iaclint.yaml"));
  ASSERT_TRUE(run);
  const Finding* violation = FindingOf(*run, "IAC0602");
  ASSERT_NE(violation, nullptr);
  EXPECT_FALSE(violation->suppressed);
  const Finding* contradiction = FindingOf(*run, "IAC0005");
  ASSERT_NE(contradiction, nullptr);
  EXPECT_EQ(At(run->model, contradiction->loc), ".iaclint.yaml:2:5");
  EXPECT_NE(contradiction->message.find("the violation in code wins"), std::string::npos);
  EXPECT_EQ(Control(*run, "06")->status, "FAIL");
}

TEST(Attestations, ManualControlsAreNotesAtTheConfigAndInformationalNeverFails) {
  Tree t({{"template.yaml", kTemplate},
          {".iaclint.yaml", "profile: jp-baseline\nattestations: []\n"}});
  auto run = Check({t.path("template.yaml")}, t.path(".iaclint.yaml"));
  ASSERT_TRUE(run);
  const Finding* law = FindingOf(*run, "IAC0501");
  ASSERT_NE(law, nullptr);
  EXPECT_EQ(law->severity, Severity::kNote);
  EXPECT_EQ(At(run->model, law->loc), ".iaclint.yaml:2:1");
  const Finding* questions = FindingOf(*run, "IAC0301");
  ASSERT_NE(questions, nullptr);
  EXPECT_TRUE(questions->informational);
  EXPECT_EQ(Control(*run, "05")->status, "MANUAL");
  EXPECT_EQ(Control(*run, "03")->status, "N/A");
  // --fail-on note: the governing-law note fails the run, the informational one alone would not.
  CheckOptions o;
  o.paths = {t.path("template.yaml")};
  o.config_path = t.path(".iaclint.yaml");
  o.fail_on = "note";
  o.disable = {"IAC0101", "IAC0201", "IAC0402", "IAC0501", "IAC0601", "IAC0701",
               "IAC0801", "IAC1001", "IAC1101", "IAC1201", "IAC1202", "IAC1301"};
  for (int item = 901; item <= 920; ++item) o.disable.push_back("IAC0" + std::to_string(item));
  for (const char* id : {"IAC0930", "IAC0931", "IAC0932"}) o.disable.push_back(id);
  auto quiet = RunCheck(o);
  ASSERT_TRUE(quiet.ok()) << quiet.error().message;
  ASSERT_NE(FindingOf(**quiet, "IAC0301"), nullptr);
  EXPECT_EQ((*quiet)->report.exit_code, 0);
}

TEST(Attestations, ManagementAccountOfAnScpPass) {
  const std::string scp = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DenyRoot:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      TargetIds: [r-abcd]
      Content:
        Version: "2012-10-17"
        Statement:
          - {Effect: Deny, Action: "*", Resource: "*",
             Condition: {ArnLike: {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}
)";
  Tree t({{"scp.yaml", scp}, {".iaclint.yaml", R"(attestations:
  - control: "13"
    account: "111122223333"
    status: done
    date: 2026-01-10
    by: alice@example.com
    evidence: [https://wiki.example.com/root]
)"}});
  auto without = Check({t.path("scp.yaml")});
  ASSERT_TRUE(without);
  EXPECT_EQ(Control(*without, "13")->status, "PASS");
  EXPECT_EQ(Control(*without, "13")->detail,
            "member accounts only: SCPs and centralized root access never bind the management "
            "account; attest control 13 for it in .iaclint.yaml");
  auto with = Check({t.path("scp.yaml")}, t.path(".iaclint.yaml"));
  ASSERT_TRUE(with);
  EXPECT_EQ(Control(*with, "13")->evidence, "enforced (member accounts)");
  EXPECT_NE(Control(*with, "13")
                ->detail.find(
                    "member accounts by code; management account attested by alice@example.com on "
                    "2026-01-10 for account 111122223333"),
            std::string::npos)
      << Control(*with, "13")->detail;
}

}  // namespace
}  // namespace iaclint
