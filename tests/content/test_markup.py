from veiviser.content import markup


def href(topic_id: str) -> str:
    return f"/en/topics/{topic_id}/"


def test_paragraphs_and_lists():
    html = markup.render("One\nline.\n\n- a\n- b\n\nTwo.", href)
    assert html == "<p>One line.</p>\n<ul><li>a</li><li>b</li></ul>\n<p>Two.</p>"


def test_html_in_content_is_escaped_never_interpreted():
    html = markup.render("<script>alert(1)</script> **<b>x</b>**", href)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>&lt;b&gt;x&lt;/b&gt;</strong>" in html


def test_links_phone_links_and_topic_links():
    html = markup.render(
        "Call [112](tel:112), see [UDI](https://udi.no) or [children](topic:children).", href
    )
    assert '<a href="tel:112" dir="ltr">112</a>' in html
    assert '<a href="https://udi.no">UDI</a>' in html
    assert '<a href="/en/topics/children/">children</a>' in html


def test_a_link_with_an_unsafe_scheme_keeps_its_words_and_loses_the_link():
    html = markup.render("[click](javascript:alert(1))", href)
    assert "<a" not in html and "click" in html


def test_attribute_injection_in_a_link_target_is_escaped():
    html = markup.render('[x](https://a.no/"onmouseover="1)', href)
    assert '"onmouseover' not in html
