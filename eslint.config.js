// ESLint flat config. The determinism rules for src/engine and src/sim are the point of this file:
// the engine and the simulator must never read a clock, a timer or a source of randomness of their own
// (see ARCHITECTURE.md, "Determinism"). Everything else is ordinary TypeScript hygiene.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const forbiddenTimeAndRandom = [
  { object: 'Math', property: 'random', message: 'Use the injected seeded random() instead.' },
  { object: 'Date', property: 'now', message: 'Use the injected nowMs instead.' },
  { object: 'performance', property: 'now', message: 'Use the injected nowMs instead.' },
  { object: 'process', property: 'hrtime', message: 'Use the injected nowMs instead.' },
  { object: 'crypto', property: 'randomBytes', message: 'Use the injected seeded random() instead.' },
  { object: 'crypto', property: 'randomUUID', message: 'Use the injected seeded random() instead.' },
  { object: 'crypto', property: 'getRandomValues', message: 'Use the injected seeded random() instead.' },
];

const determinism = {
  'no-restricted-properties': ['error', ...forbiddenTimeAndRandom],
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'Time is injected (nowMs); Date is forbidden here.' },
    { name: 'setTimeout', message: 'Timers come from the scheduler, never from the host.' },
    { name: 'setInterval', message: 'Timers come from the scheduler, never from the host.' },
    { name: 'setImmediate', message: 'Timers come from the scheduler, never from the host.' },
    { name: 'queueMicrotask', message: 'Ordering comes from the scheduler only.' },
    { name: 'performance', message: 'Time is injected.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: 'ForInStatement', message: 'for…in is forbidden: iterate arrays or insertion-ordered Maps.' },
    { selector: 'AwaitExpression', message: 'No await in the simulation: everything runs on the scheduler.' },
    { selector: ':function[async=true]', message: 'No async functions in the simulation.' },
    {
      selector: "CallExpression[callee.object.name='crypto'][callee.property.name=/^random/]",
      message: 'Use the injected seeded random() instead.',
    },
  ],
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'node:timers', message: 'Timers come from the scheduler.' },
        { name: 'node:timers/promises', message: 'Timers come from the scheduler.' },
        { name: 'node:perf_hooks', message: 'Time is injected.' },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'reports/**', '.tools/**', 'coverage/**', '.stryker-tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: determinism,
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      ...determinism,
      // The engine is sans-IO: it may not import anything from Node or from outside src/engine.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The engine is sans-IO: no node: modules.' },
            { group: ['../*', '!./*'], message: 'The engine imports nothing outside src/engine.' },
          ],
        },
      ],
    },
  },
);
