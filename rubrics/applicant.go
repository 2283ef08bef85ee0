package rubrics

import (
	"path"
	"strings"
	"unicode"
)

// CheckValue checks a value an applicant typed for the indicator and returns
// it, or nil when an optional indicator was left empty. Percent indicators
// accept a trailing "%"; integer indicators refuse fractions; Min and Max
// apply when set. The error is an *InputError with a Chinese message.
func (ind *Indicator) CheckValue(text string) (*Decimal, error) {
	text = strings.TrimSpace(text)
	if ind.Kind == IndicatorPercent {
		text = strings.TrimSpace(strings.TrimSuffix(text, "%"))
	}
	if text == "" {
		if ind.Required {
			return nil, inputErr(ind.ID, msgf("请填写%s", "%s is required", ind.Name))
		}
		return nil, nil
	}
	v, m := parseDecimal(text)
	if m != nil {
		return nil, inputErr(ind.ID, m)
	}
	if ind.Kind == IndicatorInteger && !v.IsMultipleOf(MustDecimal("1")) {
		return nil, inputErr(ind.ID, msgf("%s应为整数，而不是 %s", "%s must be a whole number, not %s", ind.Name, v))
	}
	if ind.Min != nil && v.Cmp(*ind.Min) < 0 {
		return nil, inputErr(ind.ID, msgf("%s %s 低于下限 %s%s", "%s %s is below the minimum %s%s", ind.Name, v, *ind.Min, ind.Unit))
	}
	if ind.Max != nil && v.Cmp(*ind.Max) > 0 {
		return nil, inputErr(ind.ID, msgf("%s %s 超过上限 %s%s", "%s %s is above the maximum %s%s", ind.Name, v, *ind.Max, ind.Unit))
	}
	return &v, nil
}

// CharCount counts the characters of a narrative text the way the rubric's
// length limits mean: every character except whitespace, so a Chinese
// character, a letter and a punctuation mark each count one.
func CharCount(text string) int {
	n := 0
	for _, r := range text {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// CheckText checks a narrative text against the section's length limits.
func (s *Section) CheckText(text string) error {
	n := CharCount(text)
	switch {
	case n == 0 && s.Required:
		return inputErr(s.ID, msgf("请填写“%s”", "%q is required", s.Title))
	case n == 0:
		return nil
	case n < s.MinChars:
		return inputErr(s.ID, msgf("“%s”字数为 %d，少于要求的 %d 字", "%q has %d characters, fewer than the required %d", s.Title, n, s.MinChars))
	case n > s.MaxChars:
		return inputErr(s.ID, msgf("“%s”字数为 %d，超过上限 %d 字", "%q has %d characters, more than the limit %d", s.Title, n, s.MaxChars))
	}
	return nil
}

// Check checks the length of a list (lead enterprises, key projects).
func (c *CountRange) Check(n int) error {
	switch {
	case n < c.Min:
		return inputErr("", msgf("共 %d 项，至少需要 %d 项", "%d entries; at least %d are required", n, c.Min))
	case n > c.Max:
		return inputErr("", msgf("共 %d 项，最多 %d 项", "%d entries; at most %d are allowed", n, c.Max))
	}
	return nil
}

// Accepts reports whether the attachment accepts files of the kind.
func (a *Attachment) Accepts(kind FileKind) bool { return oneOf(kind, a.Kinds) }

// CheckFileName checks an uploaded file's name against the accepted kinds
// and returns the kind its extension claims. The application must still
// check that the content matches.
func (a *Attachment) CheckFileName(name string) (FileKind, error) {
	kind, ok := FileKindOf(name)
	if !ok || !a.Accepts(kind) {
		if ext := path.Ext(name); ext != "" {
			return "", inputErr(a.ID, msgf("“%s”只接受 %s 文件，不接受 %s", "%q accepts only %s files, not %s", a.Name, quoted(a.Kinds), ext))
		}
		return "", inputErr(a.ID, msgf("“%s”只接受 %s 文件，文件名没有扩展名", "%q accepts only %s files; the file name has no extension", a.Name, quoted(a.Kinds)))
	}
	return kind, nil
}
