package rubrics

// requirements checks what applicants must supply. Indicator, section and
// attachment ids share one namespace per stage, so the application can key a
// dossier's values by id alone.
func (v *validator) requirements(p string, req *Requirements) {
	ids := make(map[string]bool)
	unique := func(path, id string) {
		v.id(path, id)
		if id != "" && ids[id] {
			v.addf(path, "申报要求编号 %s 在本阶段重复", "requirement id %s is repeated in this stage", id)
		}
		ids[id] = true
	}
	v.limit(p+".indicators", len(req.Indicators))
	for j := range req.Indicators {
		jp := index(p+".indicators", j)
		unique(jp+".id", req.Indicators[j].ID)
		v.indicator(jp, &req.Indicators[j])
	}
	v.limit(p+".sections", len(req.Sections))
	for j := range req.Sections {
		jp := index(p+".sections", j)
		unique(jp+".id", req.Sections[j].ID)
		v.section(jp, &req.Sections[j])
	}
	v.countRange(p+".lead_enterprises", req.LeadEnterprises)
	v.countRange(p+".key_projects", req.KeyProjects)
	v.limit(p+".attachments", len(req.Attachments))
	for j := range req.Attachments {
		jp := index(p+".attachments", j)
		unique(jp+".id", req.Attachments[j].ID)
		v.attachment(jp, &req.Attachments[j])
	}
}

func (v *validator) limit(p string, n int) {
	if n > MaxRequirements {
		v.addf(p, "共 %d 项，上限 %d", "%d entries; the limit is %d", n, MaxRequirements)
	}
}

func (v *validator) indicator(p string, ind *Indicator) {
	v.text(p+".name", ind.Name, true, MaxNameChars)
	v.text(p+".unit", ind.Unit, false, MaxUnitChars)
	v.text(p+".help", ind.Help, false, MaxTextChars)
	switch {
	case ind.Kind == "":
		v.addf(p+".kind", "缺少 kind（可选 %s）", "kind is missing (one of %s)", quoted(IndicatorKinds))
	case !oneOf(ind.Kind, IndicatorKinds):
		v.addf(p+".kind", "指标值类型“%s”无效，可选 %s", "unknown indicator kind %q; use one of %s", ind.Kind, quoted(IndicatorKinds))
	case ind.Kind == IndicatorPercent && ind.Unit != "%":
		v.addf(p+".unit", "百分比指标的单位应为 %%，而不是“%s”", "a percent indicator's unit is %%, not %q", ind.Unit)
	}
	whole := MustDecimal("1")
	for _, end := range []struct {
		field string
		value *Decimal
	}{{"min", ind.Min}, {"max", ind.Max}} {
		if end.value != nil && ind.Kind == IndicatorInteger && !end.value.IsMultipleOf(whole) {
			v.addf(p+"."+end.field, "整数指标的 %s 应为整数，而不是 %s", "an integer indicator's %s must be whole, not %s", end.field, *end.value)
		}
	}
	if ind.Min != nil && ind.Max != nil && ind.Min.Cmp(*ind.Max) > 0 {
		v.addf(p+".max", "上限 %s 低于下限 %s", "max %s is below min %s", *ind.Max, *ind.Min)
	}
}

func (v *validator) section(p string, s *Section) {
	v.text(p+".title", s.Title, true, MaxNameChars)
	v.text(p+".guidance", s.Guidance, false, MaxTextChars)
	switch {
	case s.MinChars < 0:
		v.addf(p+".min_chars", "字数下限不能为负", "min_chars must not be negative")
	case s.MaxChars < 1 || s.MaxChars > MaxSectionChars:
		v.addf(p+".max_chars", "字数上限 %d 应在 1–%d 之间", "max_chars %d must be 1–%d", s.MaxChars, MaxSectionChars)
	case s.MinChars > s.MaxChars:
		v.addf(p+".min_chars", "字数下限 %d 高于上限 %d", "min_chars %d is above max_chars %d", s.MinChars, s.MaxChars)
	}
}

func (v *validator) countRange(p string, c *CountRange) {
	if c == nil {
		return
	}
	switch {
	case c.Min < 0:
		v.addf(p+".min", "下限不能为负", "min must not be negative")
	case c.Max < 1 || c.Max > MaxListCount:
		v.addf(p+".max", "上限 %d 应在 1–%d 之间", "max %d must be 1–%d", c.Max, MaxListCount)
	case c.Min > c.Max:
		v.addf(p+".min", "下限 %d 高于上限 %d", "min %d is above max %d", c.Min, c.Max)
	}
}

func (v *validator) attachment(p string, a *Attachment) {
	v.text(p+".name", a.Name, true, MaxNameChars)
	v.text(p+".help", a.Help, false, MaxTextChars)
	if len(a.Kinds) == 0 {
		v.addf(p+".kinds", "至少允许一种文件类型（可选 %s）", "allow at least one file kind (%s)", quoted(FileKinds))
	}
	seen := make(map[FileKind]bool, len(a.Kinds))
	for j, k := range a.Kinds {
		switch {
		case !oneOf(k, FileKinds):
			v.addf(index(p+".kinds", j), "文件类型“%s”无效，可选 %s", "unknown file kind %q; use one of %s", k, quoted(FileKinds))
		case seen[k]:
			v.addf(index(p+".kinds", j), "文件类型 %s 重复", "file kind %s is repeated", k)
		}
		seen[k] = true
	}
}
