package preview

import (
	"html"
	"html/template"
	"strings"
)

// node is one element of the page: a div, or a span when Inline. Text
// and attributes are escaped when written (html); Style is built here
// only from checked values (see values.go), never from a configuration's
// text.
type node struct {
	Inline bool
	Class  string
	Style  template.CSS
	// Path is the JSON path of the component the element draws
	// (data-path), so tests and reviewers can find it.
	Path  string
	Title string
	// Dir is "rtl" or "ltr" when the element sets its direction.
	Dir  string
	Text string
	Kids []*node
}

func div(class string, kids ...*node) *node { return &node{Class: class, Kids: kids} }

func span(class, text string) *node { return &node{Inline: true, Class: class, Text: text} }

func textNode(class, text string) *node { return &node{Class: class, Text: text} }

func (n *node) add(kids ...*node) *node {
	for _, k := range kids {
		if k != nil {
			n.Kids = append(n.Kids, k)
		}
	}
	return n
}

// css collects declarations for a style attribute.
type css struct{ b strings.Builder }

// set adds "prop:value;". Both must come from this package's own
// constants or from the checked values of values.go.
func (c *css) set(prop, value string) *css {
	c.b.WriteString(prop)
	c.b.WriteByte(':')
	c.b.WriteString(value)
	c.b.WriteByte(';')
	return c
}

func (c *css) style() template.CSS { return template.CSS(c.b.String()) }

// withStyle sets n's style and returns n.
func (n *node) withStyle(c *css) *node {
	n.Style = c.style()
	return n
}

// html writes n as HTML: every text and attribute value escaped (the
// five characters html.EscapeString escapes), attributes double-quoted.
// It is html/template's escaping for these contexts, without its
// reflection: a page of 10,000 sends has a million elements.
func (n *node) html(b *strings.Builder) {
	tag := "div"
	if n.Inline {
		tag = "span"
	}
	b.WriteByte('<')
	b.WriteString(tag)
	attr(b, "class", n.Class)
	attr(b, "style", string(n.Style))
	attr(b, "data-path", n.Path)
	attr(b, "title", n.Title)
	attr(b, "dir", n.Dir)
	b.WriteByte('>')
	b.WriteString(html.EscapeString(n.Text))
	for _, k := range n.Kids {
		k.html(b)
	}
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteByte('>')
}

func attr(b *strings.Builder, name, v string) {
	if v == "" {
		return
	}
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	b.WriteString(html.EscapeString(v))
	b.WriteByte('"')
}

// markup is n as HTML for the page's template.
func (n *node) markup() template.HTML {
	var b strings.Builder
	n.html(&b)
	return template.HTML(b.String())
}
