package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Membership is when an actor belonged to a group, in years, both ends
// included; 0 leaves an end open. The registry's groups column writes it
// after the group's name: "BRICS:2010-" (from 2010 on), "EU:1973-2020"
// (1973 to 2020), "G8:-2013" (until 2013), "AU:2002" (that year only).
type Membership struct {
	Group string `json:"group"`
	From  int    `json:"from,omitempty"`
	To    int    `json:"to,omitempty"`
}

// String writes the membership as the groups column does.
func (m Membership) String() string {
	switch {
	case m.From == 0 && m.To == 0:
		return m.Group
	case m.From == m.To:
		return fmt.Sprintf("%s:%d", m.Group, m.From)
	}
	s := m.Group + ":"
	if m.From != 0 {
		s += strconv.Itoa(m.From)
	}
	s += "-"
	if m.To != 0 {
		s += strconv.Itoa(m.To)
	}
	return s
}

// Contains reports whether a year falls within the membership.
func (m Membership) Contains(year int) bool {
	return (m.From == 0 || year >= m.From) && (m.To == 0 || year <= m.To)
}

// ParseMembership reads one item of the groups column: a group's name,
// with or without ":FROM-TO" years (see Membership).
func ParseMembership(s string) (Membership, error) {
	s = strings.TrimSpace(s)
	name, span, dated := strings.Cut(s, ":")
	m := Membership{Group: strings.TrimSpace(name)}
	if m.Group == "" {
		return m, fmt.Errorf("group %q has no name", s)
	}
	if !dated {
		return m, nil
	}
	span = strings.TrimSpace(span)
	year := func(v string) (int, error) {
		v = strings.TrimSpace(v)
		if v == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(v)
		if err != nil || y < 1000 || y > 9999 {
			return 0, fmt.Errorf("group %q: %q is not a four-digit year", s, v)
		}
		return y, nil
	}
	from, to, ranged := strings.Cut(span, "-")
	var err error
	if m.From, err = year(from); err != nil {
		return m, err
	}
	if !ranged {
		if m.From == 0 {
			return m, fmt.Errorf("group %q: no years after the colon", s)
		}
		m.To = m.From
		return m, nil
	}
	if m.To, err = year(to); err != nil {
		return m, err
	}
	if m.From != 0 && m.To != 0 && m.To < m.From {
		return m, fmt.Errorf("group %q: ends (%d) before it starts (%d)", s, m.To, m.From)
	}
	return m, nil
}

// InGroup reports whether the actor belonged to group in the year of d:
// always for a group it lists without years (and for a date without a
// year), else when one of its memberships of the group holds that year.
func (a *Actor) InGroup(group string, d Date) bool {
	dated := false
	for _, m := range a.Memberships {
		if m.Group != group {
			continue
		}
		dated = true
		if d.IsZero() || m.Contains(int(d.Year)) {
			return true
		}
	}
	return !dated
}

// GroupSpecs lists the actor's groups as the groups column writes them,
// with the years of dated memberships.
func (a *Actor) GroupSpecs() []string {
	out := make([]string, 0, len(a.Groups))
	for _, g := range a.Groups {
		n := 0
		for _, m := range a.Memberships {
			if m.Group == g {
				out = append(out, m.String())
				n++
			}
		}
		if n == 0 {
			out = append(out, g)
		}
	}
	return out
}
