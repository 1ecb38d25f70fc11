import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Rendering a whole test app loads its extensions first, which takes
// seconds when the test run keeps both cores busy: wait for elements and
// tests longer than the defaults (1 s and 5 s) before calling them missing.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(30_000);
