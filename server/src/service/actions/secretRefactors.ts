// Refactors on Secrets (kind refactor.rewrite): convert the whole Secret between `data` and
// `stringData`, or move one entry across, decoding or encoding its value.
import { isKind, SECRET } from '../kinds';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { encodeBase64 } from '../../../../common/secretData';
import { decodeSecretValue } from '../../../../common/secretValue';
import { mapAt } from '../yaml/access';
import { deletePair, documentAt, insertBeforeKey, insertIntoMap, pathAt } from './edits';
import { convertSecret, type Direction } from './secretValues';
import type { Refactor } from './types';

/** Kinds clients (and our own commands) can ask for by name. */
export const TO_STRING_DATA_KIND = `${CodeActionKind.RefactorRewrite}.secret.toStringData`;
export const TO_DATA_KIND = `${CodeActionKind.RefactorRewrite}.secret.toData`;
export const DECODE_ENTRY_KIND = `${CodeActionKind.RefactorRewrite}.secret.decodeEntry`;
export const ENCODE_ENTRY_KIND = `${CodeActionKind.RefactorRewrite}.secret.encodeEntry`;

export const convertSecretData: Refactor = {
  provide(ctx) {
    const resource = documentAt(ctx.file, ctx.start)?.resource;
    if (!resource || !isKind(resource, SECRET)) return [];
    const out: CodeAction[] = [];
    for (const [direction, title, kind] of [
      ['toStringData', 'Convert Secret data to stringData (decoded)', TO_STRING_DATA_KIND],
      ['toData', 'Convert Secret stringData to data (base64)', TO_DATA_KIND],
    ] as Array<[Direction, string, string]>) {
      const conversion = convertSecret(ctx.file, resource, direction);
      if (!conversion) continue;
      out.push('edits' in conversion ? { title, kind, edit: { changes: { [ctx.uri]: conversion.edits } } } : { title, kind, disabled: { reason: conversion.reason } });
    }
    return out;
  },
};

export const moveSecretEntry: Refactor = {
  provide(ctx) {
    const document = documentAt(ctx.file, ctx.start);
    const resource = document?.resource;
    if (!document || !resource || !isKind(resource, SECRET)) return [];
    const found = pathAt(document.yaml, ctx.start);
    const field = found.path[0];
    if ((field !== 'data' && field !== 'stringData') || found.path.length !== 2 || !found.pair || !isScalar(found.pair.key)) return [];
    const pair = found.pair;
    const key = String((pair.key as { value: unknown }).value);
    if (!isScalar(pair.value)) return [];
    const raw = pair.value.value === null ? '' : String(pair.value.value);
    const toStringData = field === 'data';
    const target = toStringData ? 'stringData' : 'data';
    const title = toStringData ? `Decode "${key}" into stringData` : `Encode "${key}" as base64 into data`;
    const kind = toStringData ? DECODE_ENTRY_KIND : ENCODE_ENTRY_KIND;
    let value: string;
    if (toStringData) {
      const decoded = decodeSecretValue(raw);
      if (decoded.kind !== 'text') return [{ title, kind, disabled: { reason: decoded.kind === 'invalid' ? 'the value is not valid base64' : 'the value is binary' } }];
      value = decoded.text;
    } else {
      value = encodeBase64(raw);
    }
    const sourcePair = (resource.root.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === field);
    const source = mapAt(resource.root, [field])!;
    const destination = mapAt(resource.root, [target]);
    if (source.items.length === 1 && !destination) {
      // The only entry: this is the whole-Secret conversion, which keeps the map where it is.
      const conversion = convertSecret(ctx.file, resource, toStringData ? 'toStringData' : 'toData');
      return conversion && 'edits' in conversion ? [{ title, kind, edit: { changes: { [ctx.uri]: conversion.edits } } }] : [];
    }
    // Moving the last entry out of a map removes the map too, unless a comment lives in it.
    const sourceText = ctx.file.text.slice((sourcePair!.key as Node).range![0], source.range![1]);
    const removeWholeMap = source.items.length === 1 && !sourceText.includes('#');
    const removal = deletePair(ctx.file, removeWholeMap ? sourcePair! : (pair as Pair));
    if (!removal) return [];
    let insertion: TextEdit;
    if (destination && isMap(destination) && (destination.items.length > 0 || destination.flow)) {
      insertion = insertIntoMap(ctx.file, destination, { [key]: value });
    } else if (!resource.root.has(target)) {
      // A new map goes just above the one the entry leaves, clear of the deleted lines.
      insertion = insertBeforeKey(ctx.file, sourcePair!.key as Node, { [target]: { [key]: value } });
    } else {
      return [];
    }
    return [{ title, kind, edit: { changes: { [ctx.uri]: [insertion, removal] } } }];
  },
};
