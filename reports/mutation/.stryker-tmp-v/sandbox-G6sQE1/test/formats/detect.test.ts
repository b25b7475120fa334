// @ts-nocheck
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sniffReadingsFormat } from '../../src/formats/detect.js';

const data = (name: string): string => readFileSync(new URL(`../data/formats/${name}`, import.meta.url), 'utf8');

it('tells each format from its content', () => {
  expect(sniffReadingsFormat(data('pge-fall-back.csv'))).toBe('pge-csv');
  expect(sniffReadingsFormat(data('pge-spring-forward.csv'))).toBe('pge-csv');
  expect(sniffReadingsFormat(data('octopus-consumption.json'))).toBe('octopus-json');
  expect(sniffReadingsFormat(data('london-fall-back.csv'))).toBe('london-csv');
  expect(sniffReadingsFormat('\uFEFF<?xml version="1.0"?><feed/>')).toBe('greenbutton');
  expect(sniffReadingsFormat('# hand made\nstart,duration_s,wh\n')).toBe('csv');
  expect(sniffReadingsFormat(' Start , duration_s ,import,export\n')).toBe('csv');
  expect(sniffReadingsFormat('\uFEFFTYPE,DATE,START TIME,END TIME,USAGE (kWh),NOTES\n')).toBe('pge-csv');
});

it('says nothing when the content is not clear', () => {
  for (const text of ['', 'time,kwh\n1,2\n', '{"data": []}', '[1,2]', 'LCLid;DateTime\n']) expect(sniffReadingsFormat(text)).toBeUndefined();
});
