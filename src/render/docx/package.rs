//! The fixed parts of the Word package: content types, relationships,
//! styles, settings, the footer and the document's title. The body is
//! streamed by [`super::Paper`].

use super::text::{self, Style};
use super::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Every part but the body, as (name in the package, content).
pub fn parts(title: &str, footer: &str) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_relationships()),
        ("docProps/core.xml", core(title)),
        ("word/_rels/document.xml.rels", document_relationships()),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/footer1.xml", footer_part(footer)),
    ]
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         </Types>"
    )
}

fn relationships(links: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target) in links {
        xml.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        ));
    }
    xml + "</Relationships>"
}

fn package_relationships() -> String {
    relationships(&[
        ("rId1", &format!("{R}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
    ])
}

fn document_relationships() -> String {
    relationships(&[
        ("rId1", &format!("{R}/styles"), "styles.xml"),
        ("rId2", &format!("{R}/settings"), "settings.xml"),
        ("rId3", &format!("{R}/footer"), "footer1.xml"),
    ])
}

fn core(title: &str) -> String {
    format!(
        "{HEAD}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <dc:title>{}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>",
        text::attribute(title)
    )
}

/// Word 2013 and later's layout, so Word does not open the paper in
/// compatibility mode.
fn settings() -> String {
    format!(
        "{HEAD}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>\
         <w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
         </w:compat></w:settings>"
    )
}

/// Where the paper comes from, and "Page N of M" at the right margin.
fn footer_part(footer: &str) -> String {
    let mut xml = format!(
        "{HEAD}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
    );
    text::push_run(&mut xml, footer, Style::default());
    xml.push_str("<w:r><w:tab/></w:r>");
    text::push_run(&mut xml, "Page ", Style::default());
    field(&mut xml, "PAGE");
    text::push_run(&mut xml, " of ", Style::default());
    field(&mut xml, "NUMPAGES");
    xml + "</w:p></w:ftr>"
}

/// A field Word and LibreOffice work out as they lay the pages out; "1"
/// stands until they do.
fn field(xml: &mut String, instruction: &str) {
    xml.push_str(&format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> {instruction} </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    ));
}

/// The body's opening.
pub fn document_start() -> String {
    format!("{HEAD}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>")
}

/// The body's end: one section, A4 landscape, its footer.
pub fn document_end() -> String {
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\" w:orient=\"landscape\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" \
         w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

/// Word's own heading styles ("heading 1" to "heading 3", which a
/// council's report template restyles when the paper is pasted in), on
/// Arial, which every Word has and LibreOffice matches with Liberation
/// Sans; and the paper's own styles for tables, facts and the warning.
fn styles() -> String {
    let mut xml = format!(
        "{HEAD}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    );
    for (level, before, size) in [(1, 0, 32), (2, 360, 28), (3, 240, 24)] {
        xml.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/>\
             <w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"{size}\"/>\
             <w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            level - 1
        ));
    }
    xml + &paper_styles()
}

fn paper_styles() -> String {
    let tight = "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>";
    let box_side = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"D55E00\"/>")
    };
    let sides: String = ["top", "left", "bottom", "right"].map(box_side).concat();
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
         <w:uiPriority w:val=\"99\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"{TEXT_WIDTH}\"/></w:tabs>{tight}</w:pPr>\
         <w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>\
         <w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>{tight}</w:pPr>\
         <w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/>\
         <w:basedOn w:val=\"TableText\"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Fact\"><w:name w:val=\"Fact\"/>\
         <w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"2268\"/></w:tabs>\
         <w:spacing w:after=\"40\"/><w:ind w:left=\"2268\" w:hanging=\"2268\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Warning\"><w:name w:val=\"Warning\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:pBdr>{sides}</w:pBdr>\
         <w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF3E8\"/><w:spacing w:before=\"120\" w:after=\"240\"/>\
         <w:ind w:left=\"113\" w:right=\"113\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style></w:styles>"
    )
}
