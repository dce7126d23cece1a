#include "rules/trail_links.h"

#include <algorithm>
#include <optional>

#include "rules/monitoring_links.h"

namespace iaclint {

TrailLinker::TrailLinker(const std::vector<TrailInfo>& trails) : trails_(trails) {
  for (size_t i = 0; i < trails.size(); ++i) {
    const TrailInfo& t = trails[i];
    if (!t.delivers) continue;
    if (!first_) first_ = &t;
    if (t.log_group.link.state == Tri::kNo) continue;
    delivering_.push_back(i);
    std::string name;
    const Tri named =
        t.log_group.link.state == Tri::kUnknown ? Tri::kUnknown : LogGroupName(t.log_group, &name);
    if (t.log_group.resource) by_resource_[t.log_group.resource].push_back(i);
    if (named == Tri::kUnknown) undecided_.push_back(i);
    if (named == Tri::kYes) by_name_[name].push_back(i);
  }
}

std::vector<size_t> TrailLinker::Candidates(const LogGroupRef& group) const {
  std::string name;
  const Tri named = LogGroupName(group, &name);
  // A filter whose log group name is unknown may be on any trail's group that has a name.
  if (named == Tri::kUnknown) return delivering_;
  std::vector<size_t> out = undecided_;
  auto add = [&out](const auto& map, const auto& key) {
    auto it = map.find(key);
    if (it != map.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  if (group.resource) add(by_resource_, group.resource);
  if (named == Tri::kYes) add(by_name_, name);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Link TrailLinker::OnTrail(const FilterInfo& f, bool healthy) const {
  if (f.log_group.link.state != Tri::kYes) return f.log_group.link;
  if (trails_.empty()) {
    // The trail may be declared elsewhere (a Control Tower organization trail): the items
    // cannot be decided, while IAC0931/IAC0932 do not apply.
    if (!healthy) return Link::No("no trail is declared in the analysed files");
    return Link::Unknown("no trail is declared in the analysed files, so whether log group " +
                             f.log_group.Shown() + " receives CloudTrail events cannot be known",
                         "unresolved-reference", f.filter->loc);
  }
  std::optional<Link> unknown, broken;
  for (size_t i : Candidates(f.log_group)) {
    const TrailInfo& t = trails_[i];
    const Tri same = t.log_group.link.state == Tri::kUnknown
                         ? Tri::kUnknown
                         : SameLogGroup(f.log_group, t.log_group);
    if (same == Tri::kNo) continue;
    Link link = healthy ? Both(Both(Both(t.exists, t.logging), t.multi_region), t.role) : t.exists;
    if (same == Tri::kUnknown) {
      link =
          Link::Unknown("whether log group " + f.log_group.Shown() + " is the log group of trail " +
                            Quoted(t.trail->id) + " cannot be known offline" +
                            (t.log_group.link.reason.empty() ? "" : ": " + t.log_group.link.reason),
                        "unresolved-reference", t.trail->loc);
    }
    if (link.state == Tri::kYes) return link;
    if (link.state == Tri::kUnknown && !unknown) unknown = link;
    if (link.state == Tri::kNo && !broken) broken = link;
  }
  if (unknown) return *unknown;
  if (broken) return *broken;
  if (!first_) return Link::No("no trail delivers to CloudWatch Logs");
  return Link::No("it is on log group " + f.log_group.Shown() + ", not on the log group of trail " +
                  Quoted(first_->trail->id) + " (" + first_->log_group.Shown() + ")");
}

}  // namespace iaclint
