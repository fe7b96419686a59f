import { Kind, parse } from 'graphql';

/** One ```graphql block of a Markdown document, with the heading it sits under. */
export interface GraphqlExample {
  /** The document it comes from, e.g. `README.md`. */
  source: string;
  /** The nearest heading above the block (the document's title if none). */
  heading: string;
  /** The short paragraph right before the block, when there is one (e.g. the question it answers). */
  lead: string | null;
  /** The block's text, as written. */
  query: string;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/** Markdown inline syntax out: links keep their text, no backticks or bold (underscores stay: HELD_AT). */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every ```graphql fenced block of a Markdown document, in order. A line is either a heading, a fence
 * or text; a closing fence is taken leniently (text after it on the same line is kept as text), so a
 * block closed as "``` It loads…" still ends there.
 */
export function extractGraphqlExamples(markdown: string, source: string): GraphqlExample[] {
  const examples: GraphqlExample[] = [];
  let heading = source;
  // The paragraph being read, and the last one finished (a blank line ends a paragraph).
  let paragraph: string[] = [];
  let previous: string[] = [];
  let fence: { marker: string; graphql: boolean; lines: string[]; lead: string | null } | null = null;

  const endParagraph = (): void => {
    if (paragraph.length) previous = paragraph;
    paragraph = [];
  };
  const forgetParagraphs = (): void => {
    paragraph = [];
    previous = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (fence) {
      const closing = line.trimStart();
      const open = fence;
      if (closing.startsWith(open.marker) && closing.slice(open.marker.length, open.marker.length + 1) !== open.marker[0]) {
        if (open.graphql) {
          const query = open.lines.join('\n').trim();
          if (query) examples.push({ source, heading, lead: open.lead, query });
        }
        fence = null;
        forgetParagraphs();
        const rest = closing.slice(open.marker.length).trim();
        if (rest) paragraph = [rest];
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const before = paragraph.length ? paragraph : previous;
      const lead = plainText(before.join(' '));
      fence = {
        marker: fenceMatch[1] ?? '```',
        graphql: (fenceMatch[2] ?? '').toLowerCase() === 'graphql',
        lines: [],
        // A short paragraph just before the block says what it asks; a long one is prose, not a caption.
        lead: lead && lead.length <= 240 && !/^[-*+]\s/.test(before[0] ?? '') ? lead : null,
      };
      forgetParagraphs();
      continue;
    }
    const headingMatch = HEADING.exec(line);
    if (headingMatch) {
      heading = plainText(headingMatch[2] ?? '') || heading;
      forgetParagraphs();
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
  }
  return examples;
}

/** A GraphQL operation name from a heading: "Who is held in Myanmar's compounds?" → WhoIsHeldInMyanmarsCompounds. */
export function operationNameFor(heading: string): string {
  const words = heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f']/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name + word.charAt(0).toUpperCase() + word.slice(1);
    if (name && next.length > 40) break;
    name = next;
  }
  if (!name) return 'Example';
  return /^[0-9]/.test(name) ? `Q${name}` : name;
}

/**
 * The query with its single anonymous operation named, so that GraphiQL (which titles a tab with the
 * operation name) shows what the tab is about; unchanged if it does not parse, is already named or
 * holds several operations.
 */
export function nameOperation(query: string, name: string): string {
  let operations;
  try {
    operations = parse(query).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return query;
  }
  const [operation] = operations;
  if (operations.length !== 1 || !operation || operation.name || !operation.loc) return query;
  const start = operation.loc.start;
  if (query.charAt(start) === '{') return `${query.slice(0, start)}${operation.operation} ${name} ${query.slice(start)}`;
  const keywordEnd = start + operation.operation.length;
  return `${query.slice(0, keywordEnd)} ${name}${query.slice(keywordEnd)}`;
}

/** `# ` comment lines, wrapped at about 54 columns (the editor is half the page). */
export function commentLines(text: string, width = 54): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(`# ${current}`);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(`# ${current}`);
  return lines;
}

/**
 * The tab text of each example: a comment with its heading, the paragraph that introduces it and where
 * it comes from, then the query with its operation named after the heading (numbered when several
 * examples share a heading).
 */
export function exampleTabQueries(examples: readonly GraphqlExample[]): string[] {
  const perHeading = new Map<string, number>();
  for (const example of examples) perHeading.set(example.heading, (perHeading.get(example.heading) ?? 0) + 1);
  const seen = new Map<string, number>();
  const used = new Set<string>();
  return examples.map((example) => {
    const index = (seen.get(example.heading) ?? 0) + 1;
    seen.set(example.heading, index);
    let name = operationNameFor(example.heading) + ((perHeading.get(example.heading) ?? 1) > 1 ? String(index) : '');
    while (used.has(name)) name += '_';
    used.add(name);
    const header = [
      ...commentLines(example.heading),
      ...(example.lead ? ['#', ...commentLines(example.lead)] : []),
      ...(/^\s*mutation\b/m.test(example.query)
        ? ['#', ...commentLines('A mutation: it writes, and needs a token with the editor role or above (npm run token -- --role editor --subject you).')]
        : []),
      `# (from ${example.source})`,
    ];
    return `${header.join('\n')}\n${nameOperation(example.query, name)}\n`;
  });
}
