// A worker for the pool tests: each task input names a behaviour, from honest to hostile.
import { serveTasks, sendOutput } from '../../../isolation/serve.js';

type Task = { do: 'echo'; value: string } | { do: 'loop' } | { do: 'allocate' } | { do: 'throw' } | { do: 'exit' } | { do: 'log'; text: string };

serveTasks((task: Task) => {
  switch (task.do) {
    case 'echo':
      return task.value;
    case 'log':
      sendOutput('stderr', task.text);
      return 'logged';
    case 'loop':
      for (;;) {
        // a synchronous loop: only terminating the worker stops it
      }
    case 'allocate': {
      const hoard: string[][] = [];
      for (;;) hoard.push(new Array(1 << 16).fill('x'.repeat(8) + hoard.length));
    }
    case 'throw':
      throw new Error('the task failed on purpose');
    case 'exit':
      process.exit(3);
  }
});
