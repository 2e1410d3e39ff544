/**
 * Moves reads of a V2 response to their V3 place, for calls rewritten to
 * plain V3: `x.data.task_id` -> `x.task_id`, `x.data.status === 2` ->
 * `x.task.status === "TASK_STATUS_SUCCEED"`, `x.data.imgs` ->
 * `x.images.map((i) => i.image_url)`, `x.data.failed_reason` -> `x.task.reason`.
 * A read it cannot move exactly (destructuring, optional chains, `code`/`msg`
 * outside `!== 0`) gets a TODO.
 */
import * as t from '@babel/types';
import { V2_STATUS_TO_V3, type V2ProgressStatus } from '../../src/spec/codes.js';
import { V3_ERROR_FIELD, V3_IMAGE_URL_KEY, V3_IMAGES_KEY, V3_TASK_FIELD, V3_TASK_KEY, V3_TASK_RESULT } from '../../src/spec/v3.js';
import type { ResponseRead } from '../../src/engine/types.js';
import type { FileStyle } from './file-style.js';
import { quoteString } from './file-style.js';
import { markTouched } from './touched.js';


function stringLiteral(value: string, style: FileStyle): t.StringLiteral {
  const lit = t.stringLiteral(value);
  lit.extra = { rawValue: value, raw: quoteString(value, style) };
  return lit;
}

/** The expression holding the V2 `data` object's owner: `X` in `X.data.field`, or the SDK result itself. */
function dataOwner(member: t.MemberExpression, sdk: boolean): t.Expression | undefined {
  const obj = member.object;
  if (t.isMemberExpression(obj) && !obj.computed && t.isIdentifier(obj.property, { name: 'data' })) return obj.object as t.Expression;
  // The 1.x SDK already unwrapped `data`: its `res.status` sits where V3 has `res.task.status`.
  if (sdk && t.isExpression(obj)) return obj;
  return undefined;
}

function memberOf(read: ResponseRead): t.MemberExpression | undefined {
  if (t.isMemberExpression(read.node)) return read.node;
  if (t.isBinaryExpression(read.node)) {
    const side = [read.node.left, read.node.right].find((n) => t.isMemberExpression(n));
    return side as t.MemberExpression | undefined;
  }
  return undefined;
}

/** Mutates `target` in place into `replacement` (keeps the parent's reference valid). */
function replaceInPlace(target: t.Node, replacement: t.Node): void {
  // Dropping `loc`/`original` makes recast print the new node instead of reusing the old text.
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, replacement);
}

/** The binary comparison whose operand is `node`, if any. */
function comparisonOf(root: t.Node, node: t.Node): t.BinaryExpression | undefined {
  let found: t.BinaryExpression | undefined;
  t.traverseFast(root, (n) => {
    if (!found && t.isBinaryExpression(n) && ['===', '!==', '==', '!='].includes(n.operator) && (n.left === node || n.right === node)) found = n;
  });
  return found;
}

/** Structural equality of side-effect-free expressions (names, dotted reads, literals, comparisons); anything else is never equal. */
function samePure(a: t.Node, b: t.Node): boolean {
  if (t.isIdentifier(a) && t.isIdentifier(b)) return a.name === b.name;
  if (t.isThisExpression(a) && t.isThisExpression(b)) return true;
  if (t.isStringLiteral(a) && t.isStringLiteral(b)) return a.value === b.value;
  if (t.isNumericLiteral(a) && t.isNumericLiteral(b)) return a.value === b.value;
  if (t.isMemberExpression(a) && t.isMemberExpression(b)) return !a.computed && !b.computed && samePure(a.object, b.object) && samePure(a.property, b.property);
  if (t.isBinaryExpression(a) && t.isBinaryExpression(b)) return a.operator === b.operator && samePure(a.left, b.left) && samePure(a.right, b.right);
  return false;
}

function hasComments(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    // Babel's own comment fields, and recast's `comments`.
    const c = n as t.Node & { comments?: unknown[] };
    if (n.leadingComments?.length || n.trailingComments?.length || n.innerComments?.length || c.comments?.length) found = true;
  });
  return found;
}

/**
 * Several V2 statuses map to one V3 status (3 failed and 4 timeout are both
 * `TASK_STATUS_FAILED`), so `s === 3 || s === 4` would become the same
 * comparison twice. `X || X` and `X && X` equal `X` when `X` has no side
 * effects, so the repeat is dropped, in `a || X || X` chains too. A
 * condition with a comment in it keeps the repeat (exact either way), so
 * no comment is lost.
 */
function collapseDuplicate(root: t.Node, bin: t.BinaryExpression): void {
  let target: { logical: t.LogicalExpression; kept: t.LogicalExpression | t.BinaryExpression } | undefined;
  t.traverseFast(root, (n) => {
    if (target || !t.isLogicalExpression(n) || n.operator === '??') return;
    // The operand just before `n.right`: `n.left`, or the last operand of `n.left` in a chain of one operator.
    const chain = t.isLogicalExpression(n.left) && n.left.operator === n.operator ? n.left : undefined;
    const previous = chain ? chain.right : n.left;
    if ((n.right !== bin && previous !== bin) || !t.isBinaryExpression(previous) || !samePure(previous, n.right) || hasComments(n)) return;
    target = { logical: n, kept: chain ?? previous };
  });
  if (!target) return;
  const { logical, kept } = target;
  if (t.isProgram(root)) markTouched(root, logical);
  // A fresh outer node over the kept operands: recast reprints it and reuses their own text.
  replaceInPlace(logical, t.isLogicalExpression(kept) ? t.logicalExpression(kept.operator, kept.left, kept.right) : t.binaryExpression(kept.operator, kept.left, kept.right));
}

/**
 * V2 answered `{ code: 0, msg: '' }` on success; V3 answers `{ task_id }` on
 * success and an error body `{ code, reason, message }` otherwise. So
 * `x.code !== 0` keeps its meaning as `x.code !== undefined`, and `x.msg` is
 * `x.message`.
 */
function planCodeOrMsg(read: ResponseRead, root: t.Node): ReadPlan {
  const member = t.isMemberExpression(read.node) ? read.node : undefined;
  const todo = `V3 has no \`${read.v2Path}\`: a failed call is a non-2xx HTTP status with a \`{ code, reason, message }\` body`;
  if (!member) return { todo };
  if (read.v2Path === 'msg') return { apply: () => void (member.property = t.identifier(V3_ERROR_FIELD.message)) };
  const cmp = comparisonOf(root, member);
  const other = cmp && (cmp.left === member ? cmp.right : cmp.left);
  if (!cmp || !t.isNumericLiteral(other, { value: 0 })) return { todo };
  return {
    apply: () => {
      if (cmp.left === member) cmp.right = t.identifier('undefined');
      else cmp.left = t.identifier('undefined');
      if (cmp.operator === '==') cmp.operator = '===';
      if (cmp.operator === '!=') cmp.operator = '!==';
    },
  };
}

/** How one read moves to its V3 place, decided before anything is edited (a flow moves whole or not at all). */
export type ReadPlan = { apply: () => void } | { todo: string };

export function planRead(read: ResponseRead, sdk: boolean, style: FileStyle, root: t.Node): ReadPlan {
  const field = read.v2Path.replace(/^data\./, '');
  if (read.v2Path === 'code' || read.v2Path === 'msg') {
    if (sdk) return { todo: `V3 has no \`${read.v2Path}\`: a failed call is a non-2xx HTTP status with a \`{ code, reason, message }\` body` };
    return planCodeOrMsg(read, root);
  }
  // upscaleV3 resolves to `{ task_id }` like the 1.x `upscale` did: SDK reads of it stay.
  if (sdk && field === 'task_id') return { apply: () => undefined };
  const member = memberOf(read);
  if (!member) return { todo: unmovable(read) };
  const owner = dataOwner(member, sdk);
  if (!owner) return { todo: `\`${read.v2Path}\` is read through a variable holding \`data\`; V3 has no \`data\` wrapper` };
  // Edit the smallest node: recast then reprints only that, and the statement keeps its own style.
  const dataMember = t.isMemberExpression(member.object) && !member.object.computed && t.isIdentifier(member.object.property, { name: 'data' }) ? member.object : undefined;
  const toTask = () => {
    if (dataMember) dataMember.property = t.identifier(V3_TASK_KEY);
    else member.object = t.memberExpression(owner, t.identifier(V3_TASK_KEY));
  };
  switch (field) {
    case 'task_id':
      // Replace just `x.data` by `x`: a fresh copy, so recast reprints only this member.
      return { apply: () => void (member.object = t.cloneNode(owner, true, true)) };
    case 'status': {
      if (read.comparedStatus !== undefined && t.isBinaryExpression(read.node) && read.comparedStatus in V2_STATUS_TO_V3) {
        const v3 = V2_STATUS_TO_V3[read.comparedStatus as V2ProgressStatus];
        const bin = read.node;
        return {
          apply: () => {
            toTask();
            if (t.isNumericLiteral(bin.right)) bin.right = stringLiteral(v3, style);
            else if (t.isNumericLiteral(bin.left)) bin.left = stringLiteral(v3, style);
            if (bin.operator === '==') bin.operator = '===';
            if (bin.operator === '!=') bin.operator = '!==';
            collapseDuplicate(root, bin);
          },
        };
      }
      return { todo: `\`${V3_TASK_RESULT.status}\` is a \`TASK_STATUS_*\` string on V3, not a number` };
    }
    case 'imgs':
      return {
        apply: () =>
          replaceInPlace(
            member,
            t.callExpression(t.memberExpression(t.memberExpression(owner, t.identifier(V3_IMAGES_KEY)), t.identifier('map')), [
              // Typed so strict TypeScript accepts it (no implicit any).
              imageUrlOf(style.typescript ?? false),
            ]),
          ),
      };
    case 'failed_reason':
      return {
        apply: () => {
          toTask();
          member.property = t.identifier(V3_TASK_FIELD.reason);
        },
      };
    default:
      return { todo: `\`${read.v2Path}\` has no direct V3 equivalent in the task result` };
  }
}

/** Why a read that is not a plain `x.data.field` stays: the text lands in a TODO, so it names the real shape. */
function unmovable(read: ResponseRead): string {
  const node = read.node;
  const optional = t.isOptionalMemberExpression(node) || (t.isBinaryExpression(node) && (t.isOptionalMemberExpression(node.left) || t.isOptionalMemberExpression(node.right)));
  if (optional) return `\`${read.v2Path}\` is read through an optional chain (\`?.\`), which fix does not rewrite`;
  if (t.isNumericLiteral(node)) return `\`case ${node.value}:\` of a \`switch\` on the V2 \`${read.v2Path}\`: V3's \`${V3_TASK_RESULT.status}\` is a \`TASK_STATUS_*\` string`;
  if (t.isObjectProperty(node)) return `move \`${read.v2Path}\` to its V3 place by hand (destructured V2 response)`;
  return `move \`${read.v2Path}\` to its V3 place by hand`;
}

/** `(image: Record<'image_url', string>) => image.image_url` (strict TypeScript needs the type), untyped in JavaScript. */
function imageUrlOf(typed: boolean): t.ArrowFunctionExpression {
  const param = t.identifier('image');
  // A type reference, not a literal type: recast prints literal types over several lines.
  if (typed) param.typeAnnotation = t.tsTypeAnnotation(t.tsTypeReference(t.identifier('Record'), t.tsTypeParameterInstantiation([t.tsLiteralType(t.stringLiteral(V3_IMAGE_URL_KEY)), t.tsStringKeyword()])));
  return t.arrowFunctionExpression([param], t.memberExpression(t.identifier('image'), t.identifier(V3_IMAGE_URL_KEY)));
}
