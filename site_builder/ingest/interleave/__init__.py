"""De-interleaving: two articles whose columns the text layer read in turns.

The damage (sample page 002 shows it): the columns of two articles stand side by side and
the text is read column by column: the first article's column, then the second article's
title, byline and first column, then the first article's next column, and so on. Every
column ends where its space runs out, so its last piece usually stops in mid-sentence (a
"cut"); the last line of one column is sometimes glued to the first line of the next.
The first article shows the damage by stopping without its closing lines while the next
article runs on.

What generalises is the shape of the text and of the layout, not its words:
  * in its own article, a cut is followed by the rest of its sentence: never by a
    subheading, a paragraph opener (一是, 首先, （一）…) or a sentence's connective
    (例如，因此，…); a word of the general lexicon often binds the junction (see
    lexicon.cohesion), the page writes the junction's pair of characters elsewhere, a
    piece that opens with the closing half of a quote continues;
  * after a complete sentence, a piece opens with a whole sentence: not with a closing
    mark or a character bound to what precedes it (的, 们 …), nor with the few characters
    that end a sentence begun elsewhere; a piece that is one short sentence alone is the
    rest of one cut at a column's foot (a paragraph of one sentence is a long sentence);
  * an article numbers all its subheadings or none;
  * an article does not end on a cut;
  * columns side by side have one height: a column that stops in mid-sentence holds as
    many lines as the first article's first column (when the page shows its line width:
    the pieces at columns' feet fill whole lines, see line_widths) or about as much text;
    a glued line splits where a line ends;
  * each article keeps its vocabulary (a log-likelihood ratio of character pairs: weak
    evidence, two articles of one page often share a theme);
  * columns alternate, each switch costs a little, and the first article's column ends
    last (once the second has run out, what follows is the first's).
The second article's body is read as runs owned in turns (second, first, second …) and
the best reading is found by dynamic programming over its units (`moves` lists the ways
to read one unit: go on, switch, split a glued line, or read a line that holds a whole
column of the other article). The reading is kept only when it beats reading the second
article straight through by a clear margin, and not on vocabulary alone. Before it, a
column grid that explains the whole page is tried (see column_grid): the text then only
chooses among the grid's readings (column changes cost nothing there: the grid placed
them), the vocabularies learnt again from what the close readings agree on. Where the
second article's byline was printed after its body, its title may stand in the first's
body read as a subheading: the driver tries each such line as the title.

The package, module by module:
  junctions   what a junction between two pieces of one article is worth (the weights' table)
  vocabulary  each article's vocabulary, learnt from a reading (EM)
  widths      the width of the columns' lines, as the column feet show it
  stream      the two articles' units as the reading sees them
  layout      a candidate layout (line width, column height) and the text measured in it
  splits      where a glued line may split
  moves       the ways to read a unit, and what each is worth
  search      the best reading by dynamic programming
  reader      the choice between a column grid's reading and the text's
  driver      deinterleave: keep a convincing reading and move the passages back (and
              deinterleave_finding_title: the second's title found in the first's body)
"""
from site_builder.ingest.interleave.driver import Outcome, deinterleave, deinterleave_finding_title
from site_builder.ingest.interleave.vocabulary import Background

__all__ = ["Background", "Outcome", "deinterleave", "deinterleave_finding_title"]
