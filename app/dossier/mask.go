package dossier

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Placeholder replaces a hidden name in blind review.
const Placeholder = "××"

// regionSuffixes are stripped from region names to get the short names
// people write ("江阴市" → "江阴", "昆山经济技术开发区" → "昆山"), longest
// first.
var regionSuffixes = []string{
	"国家高新技术产业开发区", "高新技术产业开发区", "国家级经济技术开发区", "经济技术开发区", "经济开发区",
	"高新区", "开发区", "工业园区", "自治县", "新区", "市", "县", "区",
}

// ShortRegionName returns the name without the province prefix and its
// administrative suffix ("江苏江阴临港经济开发区" → "江阴临港"), or "" when
// nothing of at least two characters is left or nothing was stripped.
func ShortRegionName(name string) string {
	short := name
	for _, pre := range []string{"江苏省", "江苏"} {
		if rest, ok := strings.CutPrefix(short, pre); ok && utf8.RuneCountInString(rest) >= 2 {
			short = rest
			break
		}
	}
	for _, suf := range regionSuffixes {
		if rest, ok := strings.CutSuffix(short, suf); ok {
			if utf8.RuneCountInString(rest) < 2 {
				return ""
			}
			short = rest
			break
		}
	}
	if short == name {
		return ""
	}
	return short
}

// MaskTerms is the list of names blind review hides: the region names (and
// their short forms), the applicant's declared names, and the names of its
// lead enterprises and project owners. Names shorter than two characters
// are left out (hiding one character would blank ordinary words). Longer
// names come first so "江阴高新区" is hidden whole rather than as "江阴".
func MaskTerms(regions, declared []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		t = strings.TrimSpace(t)
		if utf8.RuneCountInString(t) >= 2 && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, r := range regions {
		add(r)
		add(ShortRegionName(r))
	}
	for _, t := range declared {
		add(t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j])
	})
	return out
}

// Mask replaces every occurrence of the terms in text with Placeholder.
// Terms must come longest first (as MaskTerms gives them).
func Mask(text string, terms []string) string {
	if len(terms) == 0 || text == "" {
		return text
	}
	pairs := make([]string, 0, 2*len(terms))
	for _, t := range terms {
		pairs = append(pairs, t, Placeholder)
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Masked returns the blind-review copy of a view: the core and
// collaborative areas are replaced by neutral labels, every region name,
// declared name, enterprise name and project owner is hidden wherever it
// appears (title, narratives, lists), credit codes are dropped, and the
// attachments are withheld. Indicator values stay: they are what is scored.
func Masked(v View) View {
	regions := append([]string{v.Core}, v.Collab...)
	regions = append(regions, v.HideTerms...)
	terms := MaskTerms(regions, v.terms)
	out := v
	out.Masked = true
	out.Core = "核心区"
	out.Collab = make([]string, len(v.Collab))
	for i := range v.Collab {
		out.Collab[i] = fmt.Sprintf("协同区%d", i+1)
	}
	out.HideTerms, out.terms = nil, nil
	out.Title = Mask(v.Title, terms)
	out.Sections = make([]SectionView, len(v.Sections))
	for i, s := range v.Sections {
		s.Paragraphs = maskAll(s.Paragraphs, terms)
		out.Sections[i] = s
	}
	out.Enterprises = make([]Enterprise, len(v.Enterprises))
	for i, e := range v.Enterprises {
		out.Enterprises[i] = Enterprise{Name: fmt.Sprintf("龙头企业%d", i+1), Role: Mask(e.Role, terms)}
	}
	out.Projects = make([]Project, len(v.Projects))
	for i, p := range v.Projects {
		out.Projects[i] = Project{Name: Mask(p.Name, terms), Owner: Mask(p.Owner, terms), Investment: p.Investment,
			Period: p.Period}
	}
	out.Attachments, out.AttachmentsHidden, out.AttachmentBase = nil, true, ""
	return out
}

func maskAll(texts, terms []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = Mask(t, terms)
	}
	return out
}
